/**
 * The code sandbox: the only way Weft runs user JavaScript (code blocks and condition expressions).
 * User code runs in isolated-vm isolates inside separate child processes; see child.mjs for why.
 */
export { runInSandbox, disposeSandboxPool, type SandboxRunOptions, type SandboxResult } from './run';
export { checkSyntax, type SandboxMode } from './syntax';
export { ResultTooLargeError, SandboxError, type SandboxErrorCode } from './errors';
export { CONSOLE_LEVELS, type ConsoleEntry, type ConsoleLevel } from './console';
export { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIMEOUT_MS } from './limits';
