import { env } from '../env';
import { ResultTooLargeError, runInSandbox, SandboxError, type SandboxMode } from '../sandbox';
import { outputTooLargeError } from './output-size';
import { TIMEOUT_MS } from '../sandbox/limits';
import { BlockError, type BlockRunContext } from './run-context';

/**
 * Runs a code block's body or a condition's expression in the sandbox, with upstream outputs in scope by block
 * id, the execution input as `input` and the secrets it names as `secrets`; console lines go to the block log as they happen.
 */
export async function runScript(context: BlockRunContext<unknown>, code: string, mode: SandboxMode): Promise<unknown> {
  try {
    const result = await runInSandbox({
      code,
      mode,
      scope: { ...context.upstream, input: context.input, secrets: context.secrets ?? {} },
      timeoutMs: context.timeoutMs ?? TIMEOUT_MS.default,
      signal: context.signal,
      onConsole: (entry) => context.log(entry.level, entry.message),
      // Measured in the sandbox process: an oversized value never reaches (or blocks) this one.
      maxResultBytes: env().WEFT_MAX_OUTPUT_BYTES,
      tenant: context.workspaceId,
      onQueued: () => context.log('info', 'Waiting for a sandbox: all of them are busy, or this workspace is using its share'),
    });
    return result.value;
  } catch (error) {
    if (error instanceof ResultTooLargeError) throw outputTooLargeError(error.bytes, error.limitBytes);
    if (error instanceof SandboxError) {
      throw new BlockError(error.message, `code_${error.code}`, error.code !== 'syntax_error');
    }
    throw error;
  }
}
