/** True when a source file is newer than the last production build (or there is none). */
export function buildIsStale(): boolean;
/** Runs `next build` when the build is stale; exits the process if the build fails. */
export function buildIfStale(): void;
