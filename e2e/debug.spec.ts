import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { block, selectBlock, waitForEditor } from './helpers/editor';
import { codeBlock, createWorkflow, runWorkflow, type TestGraph } from './helpers/executions';

// The editor's debug loop: pin a block's output, test one block on it, and run from a block reusing what an earlier
// run produced upstream.

/** input → a → b (ten times a.v) → output. */
function twoSteps(a: string): TestGraph {
  return {
    blocks: [
      { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
      codeBlock('a', a, { x: 320, y: 0 }),
      codeBlock('b', 'return { total: a.v * 10 };', { x: 640, y: 0 }),
      { id: 'output', type: 'output', config: {}, position: { x: 960, y: 0 } },
    ],
    edges: [
      { source: 'input', target: 'a' },
      { source: 'a', target: 'b' },
      { source: 'b', target: 'output' },
    ],
  };
}

async function openEditor(page: Page, workflowId: string) {
  await page.goto(`/workflows/${workflowId}`);
  await waitForEditor(page);
}

async function runFromInspector(page: Page, blockId: string, button: string) {
  await selectBlock(page, blockId);
  await page.getByTestId('inspector').getByRole('button', { name: button }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
}

test('test one block with pinned upstream data', async ({ page }) => {
  await signUp(page, newPerson('Pia'));
  const workflowId = await createWorkflow(page, 'Pinned', twoSteps('throw new Error("a must not run");'));
  await openEditor(page, workflowId);

  await selectBlock(page, 'a');
  const inspector = page.getByTestId('inspector');
  await inspector.getByRole('button', { name: 'Pin an output' }).click();
  await inspector.getByLabel('Pinned output').fill('{"v": 5}');
  await inspector.getByRole('button', { name: 'Save pin' }).click();
  await expect(block(page, 'a').getByTestId('block-a-pinned')).toBeVisible();

  await runFromInspector(page, 'b', 'Test this block');
  await expect(block(page, 'b')).toHaveAttribute('data-status', 'success');
  await expect(inspector).toContainText('"total": 50');

  // Deployed and API runs never use pins: the same workflow run through the API runs a, which fails.
  expect((await runWorkflow(page, workflowId, {})).status).toBe('failed');
});

test('run from a block reuses the earlier run upstream', async ({ page }) => {
  await signUp(page, newPerson('Rune'));
  const workflowId = await createWorkflow(page, 'From here', twoSteps('return { v: Math.floor(Math.random() * 1e9) };'));
  const first = await runWorkflow(page, workflowId, {});
  const total = (first.output as { b: { total: number } }).b.total;
  await openEditor(page, workflowId);

  await runFromInspector(page, 'b', 'Run from here');
  // a drew a random number in the first run; b got the same one again, so a was not run again.
  await expect(page.getByTestId('inspector')).toContainText(`"total": ${total}`);
});
