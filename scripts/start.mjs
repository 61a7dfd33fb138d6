import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';
import { exitUnlessNodeSupported } from './node-support.mjs';

// `npm start`: build when needed, then serve the production build through scripts/server.mjs (Next behind a server
// that checks forwarding headers), in a child process so that NODE_OPTIONS applies to it; stopping this process
// stops the server too. PORT and HOSTNAME (or -p and -H) are honoured as by `next start`.
exitUnlessNodeSupported();
buildIfStale();

const server = spawn(process.execPath, ['scripts/server.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    // isolated-vm (the code sandbox) cannot run with Node's startup snapshot.
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--no-node-snapshot'].filter(Boolean).join(' '),
  },
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
