import { expect, type Browser, type Page } from '@playwright/test';

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

/** Deploys the workflow and gives it a hosted form (`public`: anyone with the link; `workspace`: its members); the form's URL. */
export async function deployWithForm(page: Page, workflowId: string, access: 'public' | 'workspace'): Promise<string> {
  await trpcMutation(page, 'deployments.deploy', { workflow_id: workflowId });
  const form = await trpcMutation<{ url: string }>(page, 'triggers.create', { workflow_id: workflowId, trigger: { kind: 'form', config: { access } } });
  return form.url;
}

/**
 * Opens a hosted form the way someone without an account does: a browser context of its own (no cookies; axe scans
 * want a context, not a bare page). Close it with `page.context().close()`.
 */
export async function openFormAsStranger(browser: Browser, formUrl: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(formUrl).pathname);
  return page;
}

type Position = { x: number; y: number };

export const at = (x: number, y: number): Position => ({ x, y });

/** The input block, `input`; `fields` describe what a run takes (the run dialog and hosted forms are made from them). */
export function inputBlock(position: Position, fields?: Record<string, unknown>[]): TestBlock {
  return { id: 'input', type: 'input', config: fields ? { fields } : {}, position };
}

export function codeBlock(id: string, code: string, position: Position): TestBlock {
  return { id, type: 'code', config: { code }, position };
}

/** The output block, `output`; without a `value` the run's output is everything its upstream blocks returned. */
export function outputBlock(position: Position, value?: unknown): TestBlock {
  return { id: 'output', type: 'output', config: value === undefined ? {} : { value }, position };
}

/** Blocks that follow one another: each one's output leads to the next one's input. */
export function chain(...blocks: TestBlock[]): TestGraph {
  return { blocks, edges: blocks.slice(1).map((next, index) => ({ source: blocks[index].id, target: next.id })) };
}

/** input → slow_a (400 ms, returns 1) and input → fail_b (300 ms, logs, throws), both → output. */
export function parallelFailureGraph(): TestGraph {
  return {
    blocks: [
      inputBlock(at(0, 120)),
      codeBlock('slow_a', 'await new Promise((resolve) => setTimeout(resolve, 400));\nreturn 1;', at(320, 0)),
      codeBlock('fail_b', 'await new Promise((resolve) => setTimeout(resolve, 300));\nconsole.log("before");\nthrow new Error("kaput");', at(320, 240)),
      outputBlock(at(640, 120)),
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
  return chain(
    inputBlock(at(0, 0)),
    codeBlock('wait', `console.log("waiting");\nawait new Promise((resolve) => setTimeout(resolve, ${ms}));\nconsole.log("awake");\nreturn { slept: ${ms} };`, at(320, 0)),
    outputBlock(at(640, 0)),
  );
}

/** input → output: the execution's output is its input. */
export function echoGraph(): TestGraph {
  return chain(inputBlock(at(0, 0)), outputBlock(at(320, 0)));
}

/** input → boom (throws) → output. */
export function failingGraph(): TestGraph {
  return chain(inputBlock(at(0, 0)), codeBlock('boom', 'throw new Error("broken on purpose");', at(320, 0)), outputBlock(at(640, 0)));
}
