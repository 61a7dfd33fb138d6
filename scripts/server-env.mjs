// The environment every production server process starts with, whoever starts it (`npm start`, the browser tests,
// the benchmarks), so that what is measured and tested is what users run. `env` is the caller's environment.
export function serverProcessEnv(env) {
  return {
    ...env,
    NEXT_TELEMETRY_DISABLED: '1',
    // isolated-vm (the code sandbox) cannot run with Node's startup snapshot.
    NODE_OPTIONS: [env.NODE_OPTIONS, '--no-node-snapshot'].filter(Boolean).join(' '),
    // glibc gives each thread that allocates (libuv's pool, V8's helpers, Next's SWC) a malloc arena of its own and
    // keeps what it freed there. Two arenas: ~80 MB less RSS idle and ~165 MB less after a load (medians), at no CPU
    // cost that the benchmark can tell from noise (bench/PROFILE.md, seventh round). An operator's own setting wins.
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
  };
}
