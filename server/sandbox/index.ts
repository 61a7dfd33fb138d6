/**
 * The code sandbox: the only way Weft runs user JavaScript (code blocks and condition expressions).
 * User code runs in isolated-vm isolates inside separate child processes; see child.mjs for why.
 */
export { runInSandbox, disposeSandboxPool, type SandboxRunOptions,  } from './run';
export { checkSyntax, type SandboxMode } from './syntax';
export { ResultTooLargeError, SandboxError,  } from './errors';
export {  type ConsoleEntry,  } from './console';
;
