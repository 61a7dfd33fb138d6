// A server process without Next.js and its HTTP server, for tests of several processes on one database
// (server/test/processes.ts): it starts exactly as a server does (server/startup.ts) on DATABASE_URL.
import { startServer } from '../startup';

await startServer();
// A real server's listening socket keeps it alive; the loops startup begins do not (their timers are unref'd).
setInterval(() => {}, 60_000);
