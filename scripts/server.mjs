import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { compressResponse } from './compression.mjs';
import { applyTrustedForwarding, parseTrustedProxies } from './forwarding.mjs';

// The production server: Next's request handler behind a plain HTTP server, so that every request's forwarding
// headers are checked against the socket before the app sees them (`next start` would pass a client's own
// X-Forwarded-For through), and bodies worth it are gzipped (scripts/compression.mjs). Takes `next start`'s
// -p/--port and -H/--hostname, and PORT/HOSTNAME.

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  strict: false,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;

let isTrustedProxy;
try {
  isTrustedProxy = parseTrustedProxies(process.env.WEFT_TRUSTED_PROXIES);
} catch (error) {
  console.error(`[weft] ${error.message}`);
  process.exit(1);
}

const app = next({ dev: false, hostname: hostname ?? 'localhost', port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  applyTrustedForwarding(req, isTrustedProxy);
  compressResponse(req, res);
  handle(req, res);
});
// Node closes a connection idle for 5 s by default, and a client or proxy that reuses its pooled connection as that
// close lands gets a reset instead of an answer (load balancers keep theirs 60 s; Playwright's request pool ignores
// the Keep-Alive hint). Outlasting them leaves the closing to the client. Headers must outlast keep-alive.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => console.log(`[weft] listening on http://${hostname ?? 'localhost'}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    app.close().finally(() => process.exit(0));
  });
}
