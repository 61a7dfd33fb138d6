// Next.js calls register() once when a server process starts (never during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before any library reads the environment: an empty variable means unset (see server/env.ts).
    const { unsetEmptyEnvironmentVariables } = await import('./server/env');
    unsetEmptyEnvironmentVariables();
    // Before the first request, so Next.js's request spans are exported too (nothing loads when it is off).
    const { startTracing } = await import('./server/telemetry/tracing');
    await startTracing();
    const { startServer } = await import('./server/startup');
    await startServer();
  }
}
