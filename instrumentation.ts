// Next.js calls register() once when a server process starts (never during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before any library reads the environment: an empty variable means unset (see server/env.ts).
    const { unsetEmptyEnvironmentVariables } = await import('./server/env');
    unsetEmptyEnvironmentVariables();
    const { startServer } = await import('./server/startup');
    await startServer();
  }
}
