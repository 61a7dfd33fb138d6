import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';
import { exitUnlessNodeSupported } from './node-support.mjs';
import { serverProcessEnv } from './server-env.mjs';

// `npm start`: build when needed, then serve the production build through scripts/server.mjs (Next behind a server
// that checks forwarding headers), in a child process so that NODE_OPTIONS and glibc's settings apply to it
// (server-env.mjs); stopping this process stops the server too. PORT and HOSTNAME (or -p and -H) are honoured as by `next start`.
exitUnlessNodeSupported();
buildIfStale();

const server = spawn(process.execPath, ['scripts/server.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: serverProcessEnv(process.env),
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
