/**
 * Defaults and hard caps of the sandbox, in one place. The child process receives the caps it enforces with
 * every run, so these numbers are the single source of truth.
 */

/** A run's wall-clock time: what it gets unless the caller asks, and the most it may ask for. */
export const TIMEOUT_MS = {
  default: 10_000,
  /** The longest a host timer can wait. */
  max: 2_147_483_647,
} as const;

/** A run's isolate heap: what it gets unless the caller asks, and the range it may ask for. */
export const MEMORY_LIMIT_MB = {
  default: 64,
  /** isolated-vm refuses isolates smaller than 8 MB. */
  min: 8,
  max: 4096,
} as const;

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

const MAX_WORKERS = 4;

/** The sandbox processes: how many, how they are shared between workspaces, how long they are kept. */
export const POOL = {
  /** Processes running code at the same time; further runs wait for a free one. */
  maxWorkers: MAX_WORKERS,
  /**
   * Processes one workspace's code may hold at once: four endless loops of one workspace must not make every other
   * workspace's code wait. Waiting runs are then served round-robin by workspace.
   */
  maxPerTenant: Math.max(1, Math.floor(MAX_WORKERS / 2)),
  /** Idle processes kept warm for the next run. */
  warmWorkers: 1,
  /** An idle process beyond the warm ones is stopped after this long. */
  idleMs: 30_000,
  /** How long a new process may take to start. */
  startTimeoutMs: 15_000,
} as const;

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
