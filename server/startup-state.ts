// Whether this server process has finished starting (migrations, bootstrap key, recovery). Kept on globalThis:
// Next bundles instrumentation and route handlers separately, and both must see the same state.

export type StartupState = 'not-started' | 'starting' | 'ready' | 'failed';

const globalForStartup = globalThis as unknown as { weftStartupState?: StartupState };

export function startupState(): StartupState {
  return globalForStartup.weftStartupState ?? 'not-started';
}

export function setStartupState(state: StartupState): void {
  globalForStartup.weftStartupState = state;
}
