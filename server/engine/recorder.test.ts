import { describe, expect, it } from 'vitest';
import { chain } from '@/server/test/graphs';
import { setupTestDatabase } from '../test/database';
import { ExecutionRecorder } from './recorder';

const database = setupTestDatabase();

async function newExecution() {
  const prisma = database().prisma;
  const workspace = await prisma.workspace.create({ data: { name: 'recorder' } });
  const workflow = await prisma.workflow.create({ data: { workspaceId: workspace.id, name: 'w', graph: chain() } });
  return prisma.execution.create({ data: { workspaceId: workspace.id, workflowId: workflow.id, version: 1, graph: chain(), trigger: 'api', input: {} } });
}

describe('the execution recorder', () => {
  it('numbers events and persists all of them in order, batched', async () => {
    const execution = await newExecution();
    const recorder = new ExecutionRecorder(database().prisma, execution.id);
    for (let i = 0; i < 50; i++) recorder.emit({ type: 'block_chunk', block_id: 'llm', block_type: 'llm', chunk: `t${i}` });
    await recorder.flush();
    const rows = await database().prisma.executionEvent.findMany({ where: { executionId: execution.id }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((rows[49].data as { chunk: string }).chunk).toBe('t49');
  });

  it('still finishes a flush after an event arrived while a delayed write was in flight', async () => {
    const execution = await newExecution();
    const recorder = new ExecutionRecorder(database().prisma, execution.id);
    recorder.emit({ type: 'block_start', block_id: 'a', block_type: 'code' });
    // Fires right after the recorder's own delayed write has started, so 'b' arrives while 'a' is being written
    // and the next delayed write then finds nothing left to write.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        recorder.emit({ type: 'block_start', block_id: 'b', block_type: 'code' });
        resolve();
      }, 25),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const done = await Promise.race([recorder.flush().then(() => 'flushed'), new Promise((r) => setTimeout(() => r('hung'), 2_000))]);
    expect(done).toBe('flushed');
    expect(await database().prisma.executionEvent.count({ where: { executionId: execution.id } })).toBe(2);
  });
});
