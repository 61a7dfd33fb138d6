import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { block, openEditor, openRunDialog, selectBlock, typeInCodeEditor } from './helpers/editor';
import { at, chain, codeBlock, createWorkflow, inputBlock, outputBlock, runWorkflow, trpcMutation, type TestGraph } from './helpers/executions';

// The editor's debug loop: pin a block's output, test one block on it, run from a block reusing what an earlier
// run produced upstream, and re-run an execution from history with edited input.

/** input → a → b (ten times a.v) → output. */
function twoSteps(a: string): TestGraph {
  return chain(inputBlock(at(0, 0)), codeBlock('a', a, at(320, 0)), codeBlock('b', 'return { total: a.v * 10 };', at(640, 0)), outputBlock(at(960, 0)));
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

/** input → stamp (the text, marked with which graph ran) → output. */
function stamped(mark: string): TestGraph {
  return chain(inputBlock(at(0, 0)), codeBlock('stamp', `return "${mark}:" + input.text;`, at(320, 0)), outputBlock(at(640, 0), '{{stamp}}'));
}

test('re-run an execution with edited input', async ({ page }) => {
  await signUp(page, newPerson('Remy'));
  const workflowId = await createWorkflow(page, 'Stamp', stamped('v1'));
  await openEditor(page, workflowId);

  // Run from the editor, then open the run in history.
  const runDialog = await openRunDialog(page);
  await typeInCodeEditor(page, 'run-input-json', '{"text": "first"}');
  await runDialog.getByRole('button', { name: 'Start run' }).click();
  const panel = page.getByTestId('run-panel');
  await expect(panel.getByTestId('run-status')).toHaveText('Completed');
  await panel.getByRole('link', { name: /View execution/ }).click();
  await expect(page.getByTestId('execution-output')).toContainText('v1:first');
  const sourceUrl = page.url();

  // The draft changes after the run: the version that ran must still run the old graph.
  await trpcMutation(page, 'workflows.saveGraph', { id: workflowId, graph: stamped('v2') });

  await page.getByRole('button', { name: 'Re-run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Re-run execution' });
  await expect(dialog.getByTestId('rerun-input-json')).toContainText('"text": "first"');
  await expect(dialog.getByRole('radio', { name: /Version that ran \(v\d+\)/ })).toBeChecked();
  const scan = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(scan.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  await typeInCodeEditor(page, 'rerun-input-json', '{"text": "edited"}');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(page).not.toHaveURL(sourceUrl);
  await expect(page.getByTestId('execution-status').first()).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('execution-input')).toContainText('edited');
  await expect(page.getByTestId('execution-output')).toContainText('v1:edited');
  const rerunId = page.url().split('/').pop()!;

  // Again on the current draft.
  await page.getByRole('button', { name: 'Re-run' }).click();
  await dialog.getByRole('radio', { name: 'Current draft' }).check();
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(rerunId));
  await expect(page.getByTestId('execution-output')).toContainText('v2:edited');

  // Each re-run links back to its source, and each source lists its re-runs.
  await page.getByTestId('rerun-of').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${rerunId}$`));
  await expect(page.getByTestId('reruns').getByRole('link')).toHaveCount(1);
  await page.getByTestId('rerun-of').getByRole('link').click();
  await expect(page).toHaveURL(sourceUrl);
  await expect(page.getByTestId('rerun-of')).toHaveCount(0);
  await page.getByTestId('reruns').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${rerunId}$`));
  await expect(page.getByTestId('execution-output')).toContainText('v1:edited');
});
