/**
 * Defaults and hard caps of the sandbox, in one place. The child process receives the caps it enforces with
 * every run, so these numbers are the single source of truth.
 */

/** Wall-clock time a run may take unless the caller asks for another value. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Longest timeout a caller may ask for (the longest a host timer can wait). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Heap of one isolate unless the caller asks for another value. */
export const DEFAULT_MEMORY_LIMIT_MB = 64;
/** isolated-vm refuses isolates smaller than 8 MB. */
export const MIN_MEMORY_LIMIT_MB = 8;
export const MAX_MEMORY_LIMIT_MB = 4096;

/** Console entries kept per run; one more entry then says that the rest was dropped. */
export const MAX_CONSOLE_ENTRIES = 1000;
/** Characters kept per console message. */
export const MAX_CONSOLE_MESSAGE_CHARS = 10 * 1024;
/** Bytes of JSON (UTF-8) a run may return unless the caller asks for less. */
export const MAX_RESULT_BYTES = 10 * 1024 * 1024;
/** Timers (setTimeout/setInterval) that may be pending at once in one run. */
export const MAX_PENDING_TIMERS = 1000;
/** Longest code accepted (a graph is at most 1 MiB anyway). */
export const MAX_CODE_CHARS = 1_000_000;

/** Sandbox processes running code at the same time; further runs wait for a free one. */
export const MAX_WORKERS = 4;
/**
 * Sandbox processes one workspace's code may hold at once: four endless loops of one workspace must not make
 * every other workspace's code wait. Waiting runs are then served round-robin by workspace.
 */
export const MAX_WORKERS_PER_TENANT = Math.max(1, Math.floor(MAX_WORKERS / 2));
/** Idle sandbox processes kept warm for the next run. */
export const WARM_WORKERS = 1;
/** An idle sandbox process beyond the warm ones is stopped after this long. */
export const WORKER_IDLE_MS = 30_000;
/** How long a new sandbox process may take to start. */
export const WORKER_START_TIMEOUT_MS = 15_000;
/**
 * The child process stops a run itself at its timeout; the host kills the whole process if it has not answered
 * this long after that (a child that stopped answering).
 */
export const BACKSTOP_GRACE_MS = 2_000;
/** After an abort, how long the child may take to confirm before the host kills it. */
export const ABORT_GRACE_MS = 1_000;
/** After answering, how long the child may take to clean up and report idle before the host kills it. */
export const IDLE_GRACE_MS = 3_000;

/** File name user code is compiled under; stack traces and syntax errors mention it. */
export const CODE_FILENAME = 'code.js';
