import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../db';
import { subscribe } from '../engine/event-hub';
import type { EngineEvent } from '../engine/events';
import { resetEnvForTests } from '../env';
import { block, chain } from '@/server/test/graphs';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { setCredential } from './credentials';
import { executeAndWait } from './executions/launch';
import { createWorkflow } from './workflows';

// A secret that comes back (a model or an API echoing it) is replaced by [redacted] in everything an execution
// streams or records: events, block outputs and logs, console lines, errors and the execution row.

setupTestDatabase();
const WORKSPACE_SECRET = 'tok-workspace-secret-4242';
const SERVER_KEY = 'sk-server-key-0123456789';
let ws: TestWorkspace;

beforeAll(async () => {
  vi.stubEnv('OPENAI_API_KEY', SERVER_KEY);
  resetEnvForTests();
  ws = await createTestWorkspace('Redaction');
  await setCredential(ws.owner, { name: 'SERVICE_TOKEN', value: WORKSPACE_SECRET });
});

afterAll(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

async function everythingRecorded(executionId: string) {
  const prisma = await db();
  const live: EngineEvent[] = [];
  subscribe(executionId, 0, (event) => void live.push(event));
  const [row, events, logs] = await Promise.all([
    prisma.execution.findUniqueOrThrow({ where: { id: executionId } }),
    prisma.executionEvent.findMany({ where: { executionId } }),
    prisma.blockLog.findMany({ where: { executionId } }),
  ]);
  return JSON.stringify({ row, events, logs, live });
}

/** The secret as code builds it, so it appears in what the block produces but not in the graph as written. */
const built = (secret: string) => `("${secret.slice(0, 4)}" + "${secret.slice(4)}")`;

async function run(code: string) {
  const workflow = await createWorkflow(ws.owner, { name: 'echo' }, chain(block('echo', 'code', { code })));
  return executeAndWait(ws.owner, workflow.id, { input: {} });
}

describe('secrets echoed back', () => {
  it('are redacted from outputs, console lines, events and the execution row', async () => {
    const execution = await run(
      `console.log("the token is " + ${built(WORKSPACE_SECRET)}); return { token: ${built(WORKSPACE_SECRET)}, key: ${built(SERVER_KEY)} };`,
    );
    expect(execution.output).toEqual({ echo: { token: '[redacted]', key: '[redacted]' } });
    const recorded = await everythingRecorded(execution.id);
    expect(recorded).toContain('the token is [redacted]');
    expect(recorded).not.toContain(WORKSPACE_SECRET);
    expect(recorded).not.toContain(SERVER_KEY);
  });

  it('are redacted from block errors and the execution error', async () => {
    const execution = await run(`throw new Error("refused " + ${built(WORKSPACE_SECRET)})`);
    expect(execution.status).toBe('failed');
    expect(JSON.stringify(execution.error)).toContain('refused [redacted]');
    expect(await everythingRecorded(execution.id)).not.toContain(WORKSPACE_SECRET);
  });
});
