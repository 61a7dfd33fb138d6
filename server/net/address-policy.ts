import { isIP } from 'node:net';

// Which IP addresses a workflow may call. Only publicly routable unicast addresses are allowed; everything a
// self-hosted server could reach on its own network (private ranges, loopback, link-local and cloud metadata,
// CGNAT, multicast, reserved and documentation ranges) is refused. IPv6 forms that carry an IPv4 address
// (IPv4-mapped, NAT64, 6to4) are judged by that IPv4 address.

/** First match wins, so the more specific ranges come first. Each kind reads after "Refused to call x (…)". */
const IPV4_RANGES: readonly (readonly [base: string, prefix: number, kind: string])[] = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.169.254', 32, 'the cloud metadata address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['255.255.255.255', 32, 'the broadcast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null. */
function parseIpv4(text: string): number | null {
  if (isIP(text) !== 4) return null;
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

const PARSED_IPV4_RANGES = IPV4_RANGES.map(([base, prefix, kind]) => {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { network: (parseIpv4(base)! & mask) >>> 0, mask, kind };
});

function ipv4Kind(value: number): string | null {
  for (const { network, mask, kind } of PARSED_IPV4_RANGES) {
    if (((value & mask) >>> 0) === network) return kind;
  }
  return null;
}

/** An IPv6 address as its eight 16-bit groups, or null. Accepts `::` compression and a dotted IPv4 tail. */
function parseIpv6(text: string): number[] | null {
  if (isIP(text) !== 6) return null;
  let expanded = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    if (v4 === null) return null;
    expanded = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const halves = expanded.split('::');
  let words: number[];
  if (halves.length === 1) {
    words = groups(halves[0]);
  } else {
    const head = groups(halves[0]);
    const rest = groups(halves[1]);
    words = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  }
  return words.length === 8 && words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff)
    ? words
    : null;
}

/** An IPv6 address that embeds an IPv4 one is as blocked as that IPv4 address. */
function embeddedIpv4Kind(high: number, low: number, form: string): string | null {
  const kind = ipv4Kind(((high << 16) | low) >>> 0);
  return kind === null ? null : `${kind} in ${form} form`;
}

function ipv6Kind(w: number[]): string | null {
  const zeros = (from: number, to: number) => w.slice(from, to).every((word) => word === 0);
  if (zeros(0, 8)) return 'the unspecified address';
  if (zeros(0, 7) && w[7] === 1) return 'the loopback address';
  if (zeros(0, 5) && w[5] === 0xffff) return embeddedIpv4Kind(w[6], w[7], 'IPv4-mapped');
  if (zeros(0, 4) && w[4] === 0xffff && w[5] === 0) return embeddedIpv4Kind(w[6], w[7], 'IPv4-translated');
  if (zeros(0, 6)) return 'a reserved (IPv4-compatible) address';
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return embeddedIpv4Kind(w[6], w[7], 'NAT64');
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) return 'a private (local NAT64) address';

  // Everything outside 2000::/3 (global unicast) is not publicly routable.
  if ((w[0] & 0xe000) !== 0x2000) {
    if ((w[0] & 0xfe00) === 0xfc00) return 'a unique-local (private) address';
    if ((w[0] & 0xffc0) === 0xfe80) return 'a link-local address';
    if ((w[0] & 0xffc0) === 0xfec0) return 'a site-local address';
    if ((w[0] & 0xff00) === 0xff00) return 'a multicast address';
    return 'a reserved address';
  }
  if (w[0] === 0x2001 && w[1] < 0x200) return 'a reserved address'; // IETF protocol assignments, Teredo
  if (w[0] === 0x2001 && w[1] === 0xdb8) return 'a documentation address';
  if (w[0] === 0x2002) return embeddedIpv4Kind(w[1], w[2], '6to4');
  if (w[0] === 0x3fff && (w[1] & 0xf000) === 0) return 'a documentation address';
  return null;
}

/** `[::1]` → `::1`, `fe80::1%eth0` → `fe80::1`. */
function bareAddress(ip: string): string {
  const unbracketed = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const zone = unbracketed.indexOf('%');
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/**
 * Why an address may not be called, phrased to follow "Refused to call x (…)": e.g. "a loopback address".
 * `null` when the address is public. Anything that is not an IP address is refused too.
 */
export function blockedAddressKind(ip: string): string | null {
  const address = bareAddress(ip.trim());
  const v4 = parseIpv4(address);
  if (v4 !== null) return ipv4Kind(v4);
  const v6 = parseIpv6(address);
  if (v6 !== null) return ipv6Kind(v6);
  return 'not an IP address';
}

/** True when a workflow may not call this IP address unless private networks are allowed. */
export function isBlockedAddress(ip: string): boolean {
  return blockedAddressKind(ip) !== null;
}
