import { tool } from 'ai';
import { z } from 'zod';
import { env } from '../../env';
import { runInSandbox } from '../../sandbox';

// The agent's `run_code` tool: JavaScript in the same sandbox as code blocks (no network, no file system).

const RUN_CODE_TIMEOUT_MS = 10_000;

/** `workspaceId`: the agent's code shares the sandbox processes fairly with other workspaces, as code blocks do. */
export function runCodeTool(workspaceId: string) {
  return tool({
    description:
      'Runs JavaScript in a sandbox and returns what it returns. The code is the body of an async function: use `return` to give back a JSON value. No network or file access; console.log output is returned too.',
    inputSchema: z.object({
      code: z.string().describe('The body of an async JavaScript function, e.g. "return [1, 2, 3].map((n) => n * 2);"'),
    }),
    execute: async ({ code }, { abortSignal }) => {
      const result = await runInSandbox({
        code,
        mode: 'function',
        timeoutMs: RUN_CODE_TIMEOUT_MS,
        signal: abortSignal,
        tenant: workspaceId,
        // The result becomes part of the agent's output, so it is held to the same limit as block outputs.
        maxResultBytes: env().WEFT_MAX_OUTPUT_BYTES,
      });
      return { result: result.value, console: result.console.map((entry) => `${entry.level}: ${entry.message}`) };
    },
  });
}
