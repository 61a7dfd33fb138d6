import net from 'node:net';

// Who is really on the other end of a request. `X-Forwarded-*` headers are believed only when the connection comes
// from a proxy listed in WEFT_TRUSTED_PROXIES; from anyone else they are replaced with what the socket shows, so a
// client cannot pick its own address (per-address limits) or its own scheme and host (same-origin check, cookies).

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is the IPv4 address it wraps. */
function plainAddress(address) {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith('::ffff:') && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

/** WEFT_TRUSTED_PROXIES, e.g. `10.0.0.0/8, 172.16.0.1, fd00::/8`, as a matcher; throws on a malformed entry. */
export function parseTrustedProxies(value) {
  const list = new net.BlockList();
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, bits, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    const maxPrefix = family === 4 ? 32 : 128;
    if (!family || rest.length || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix))) {
      throw new Error(`WEFT_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (such as 10.0.0.0/8)`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const family = net.isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

const firstValue = (header) => (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined;

/**
 * Rewrites a Node request's forwarding headers to the truth: `x-forwarded-for` becomes the one client address,
 * `x-forwarded-proto`/`-host` the scheme and host the client used. Behind trusted proxies the address is the
 * right-most one in the chain that is not itself a trusted proxy (entries to its left are the client's own claims).
 */
export function applyTrustedForwarding(req, isTrustedProxy) {
  const peer = plainAddress(req.socket.remoteAddress ?? '');
  const headers = req.headers;
  let client = peer;
  let proto = req.socket.encrypted ? 'https' : 'http';
  let host = headers.host;
  if (isTrustedProxy(peer)) {
    const chain = String(headers['x-forwarded-for'] ?? '').split(',').map(plainAddress).filter(Boolean);
    while (chain.length && isTrustedProxy(client)) client = chain.pop();
    const forwardedProto = firstValue(headers['x-forwarded-proto']);
    if (forwardedProto === 'https' || forwardedProto === 'http') proto = forwardedProto;
    host = firstValue(headers['x-forwarded-host']) ?? host;
  }
  for (const name of ['forwarded', 'x-forwarded-port', 'x-real-ip', 'x-forwarded-host']) delete headers[name];
  headers['x-forwarded-for'] = client;
  headers['x-forwarded-proto'] = proto;
  if (host) headers['x-forwarded-host'] = host;
}
