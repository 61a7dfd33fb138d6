import { expect, type Page } from '@playwright/test';

// Workflows with exact graphs, and runs of them, made through the HTTP APIs with the browser's session cookie (so
// they belong to the signed-in person's workspace). Mutating requests with a cookie must say where they come from.

export interface TestBlock {
  id: string;
  type: string;
  name?: string;
  config: Record<string, unknown>;
  position: { x: number; y: number };
}

export interface TestEdge {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

export interface TestGraph {
  blocks: TestBlock[];
  edges: TestEdge[];
}

function origin(page: Page): string {
  return new URL(page.url()).origin;
}

/** Calls a tRPC mutation over HTTP (superjson: the body is `{json: input}`) and returns its result. */
export async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: origin(page) } });
  const body = await response.json();
  expect(response.ok(), `${path} answered ${response.status()}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

export async function createWorkflow(page: Page, name: string, graph: TestGraph): Promise<string> {
  const workflow = await trpcMutation<{ id: string }>(page, 'workflows.create', { name });
  await trpcMutation(page, 'workflows.saveGraph', { id: workflow.id, graph });
  return workflow.id;
}

export interface ExecutionJson {
  id: string;
  status: string;
  output: unknown;
  error: { message: string; block_id: string | null; code: string } | null;
}

/** Runs the workflow and waits for it to end (`POST /api/workflows/{id}/execute`). */
export async function runWorkflow(page: Page, workflowId: string, input: Record<string, unknown>): Promise<ExecutionJson> {
  const response = await page.request.post(`/api/workflows/${workflowId}/execute`, { data: { input }, headers: { origin: origin(page) } });
  const body = await response.json();
  expect(response.status(), JSON.stringify(body)).toBe(200);
  return body as ExecutionJson;
}

/** Starts a run and returns its id at once, while it runs (`executions.start`). */
export async function startExecution(page: Page, workflowId: string, input: Record<string, unknown>): Promise<string> {
  const { execution_id } = await trpcMutation<{ execution_id: string }>(page, 'executions.start', { workflow_id: workflowId, body: { input } });
  return execution_id;
}

const at = (x: number, y: number) => ({ x, y });

export function codeBlock(id: string, code: string, position: { x: number; y: number }): TestBlock {
  return { id, type: 'code', config: { code }, position };
}

/** input → slow_a (400 ms, returns 1) and input → fail_b (300 ms, logs, throws), both → output. */
export function parallelFailureGraph(): TestGraph {
  return {
    blocks: [
      { id: 'input', type: 'input', config: {}, position: at(0, 120) },
      codeBlock('slow_a', 'await new Promise((resolve) => setTimeout(resolve, 400));\nreturn 1;', at(320, 0)),
      codeBlock('fail_b', 'await new Promise((resolve) => setTimeout(resolve, 300));\nconsole.log("before");\nthrow new Error("kaput");', at(320, 240)),
      { id: 'output', type: 'output', config: {}, position: at(640, 120) },
    ],
    edges: [
      { source: 'input', target: 'slow_a' },
      { source: 'input', target: 'fail_b' },
      { source: 'slow_a', target: 'output' },
      { source: 'fail_b', target: 'output' },
    ],
  };
}

/** input → wait (sleeps `ms`, logging before and after) → output. */
export function slowGraph(ms: number): TestGraph {
  return {
    blocks: [
      { id: 'input', type: 'input', config: {}, position: at(0, 0) },
      codeBlock('wait', `console.log("waiting");\nawait new Promise((resolve) => setTimeout(resolve, ${ms}));\nconsole.log("awake");\nreturn { slept: ${ms} };`, at(320, 0)),
      { id: 'output', type: 'output', config: {}, position: at(640, 0) },
    ],
    edges: [
      { source: 'input', target: 'wait' },
      { source: 'wait', target: 'output' },
    ],
  };
}

/** input → output: the execution's output is its input. */
export function echoGraph(): TestGraph {
  return {
    blocks: [
      { id: 'input', type: 'input', config: {}, position: at(0, 0) },
      { id: 'output', type: 'output', config: {}, position: at(320, 0) },
    ],
    edges: [{ source: 'input', target: 'output' }],
  };
}

/** input → boom (throws) → output. */
export function failingGraph(): TestGraph {
  return {
    blocks: [
      { id: 'input', type: 'input', config: {}, position: at(0, 0) },
      codeBlock('boom', 'throw new Error("broken on purpose");', at(320, 0)),
      { id: 'output', type: 'output', config: {}, position: at(640, 0) },
    ],
    edges: [
      { source: 'input', target: 'boom' },
      { source: 'boom', target: 'output' },
    ],
  };
}
