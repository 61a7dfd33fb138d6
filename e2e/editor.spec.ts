import { expect, test, type Page } from '@playwright/test';
import { screenshotPath } from './helpers/artifacts';
import { newPerson, signUp } from './helpers/auth';
import {
  block,
  clickEmptyCanvas,
  codeEditorText,
  configureEditorSpec,
  connect,
  createWorkflow,
  drawChain,
  dropBlock,
  expectSaved,
  openRunDialog,
  selectBlock,
  typeInCodeEditor,
  waitForEditor,
  waitForRunCompleted,
} from './helpers/editor';

// The workflow editor, used with the mouse and keyboard only.

configureEditorSpec();

async function renameBlockId(page: Page, from: string, to: string) {
  await selectBlock(page, from);
  const id = page.getByTestId('inspector').getByLabel('Id', { exact: true });
  await id.fill(to);
  await id.press('Enter');
  await expect(block(page, to)).toBeVisible();
}

async function setOutputValue(page: Page, id: string, text: string) {
  await selectBlock(page, id);
  const field = page.getByTestId('inspector').getByRole('combobox', { name: 'Value' });
  await field.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

test('build, run, undo/redo, lay out and reload a branching workflow', async ({ page }) => {
  await signUp(page, newPerson('Builder'));
  await createWorkflow(page, 'Length check');

  // Five blocks from the palette onto the canvas.
  await dropBlock(page, 'input', { x: 160, y: 160 });
  await dropBlock(page, 'code', { x: 460, y: 160 });
  await dropBlock(page, 'condition', { x: 760, y: 160 });
  await dropBlock(page, 'output', { x: 460, y: 420 });
  await dropBlock(page, 'output', { x: 760, y: 420 });
  for (const id of ['input_1', 'code_1', 'condition_1', 'output_1', 'output_2']) await expect(block(page, id)).toBeVisible();

  // The code block is called "code", so the condition can say `code.score`.
  await renameBlockId(page, 'code_1', 'code');

  // input → code → condition; true → output_1, false → output_2.
  await connect(page, 'handle-input_1-out', 'handle-code-in');
  await connect(page, 'handle-code-out', 'handle-condition_1-in');
  await connect(page, 'handle-condition_1-out-true', 'handle-output_1-in');
  await connect(page, 'handle-condition_1-out-false', 'handle-output_2-in');

  await selectBlock(page, 'code');
  await typeInCodeEditor(page, 'code-code', 'return { score: input.text.length }');
  await selectBlock(page, 'condition_1');
  await typeInCodeEditor(page, 'code-expression', 'code.score > 3');
  await setOutputValue(page, 'output_1', 'Long: {{code.score}}');
  await setOutputValue(page, 'output_2', 'Short: {{code.score}}');
  await expect(block(page, 'code')).toContainText('return { score: input.text.length }');
  await expect(block(page, 'condition_1')).toContainText('if code.score > 3');
  await expectSaved(page);
  await expect(page.getByTestId('problem-count')).toHaveText('0');

  // Run it with an input typed into the form the input block's fields describe.
  const dialog = await openRunDialog(page);
  await dialog.getByLabel('text').fill('hello world');
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();
  const panel = await waitForRunCompleted(page);
  for (const id of ['input_1', 'code', 'condition_1', 'output_1']) await expect(block(page, id)).toHaveAttribute('data-status', 'success');
  await expect(block(page, 'output_2')).toHaveAttribute('data-status', 'skipped');
  await expect(panel.getByTestId('run-output')).toHaveText('Long: 11');
  await expect(panel.getByRole('link', { name: /View execution/ })).toHaveAttribute('href', /\/executions\/[^/]+$/);

  // Undo the last connection, redo it.
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(4);
  await connect(page, 'handle-input_1-out', 'handle-output_2-in');
  await expect(edges).toHaveCount(5);
  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(edges).toHaveCount(4);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(edges).toHaveCount(5);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(edges).toHaveCount(4);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(edges).toHaveCount(5);

  // Auto-layout is one step: it moves blocks left to right, and undo puts them back.
  const before = await block(page, 'output_2').boundingBox();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(async () => JSON.stringify(await block(page, 'output_2').boundingBox())).not.toBe(JSON.stringify(before));
  const inputBox = (await block(page, 'input_1').boundingBox())!;
  const outputBox = (await block(page, 'output_1').boundingBox())!;
  expect(outputBox.x).toBeGreaterThan(inputBox.x);
  await expectSaved(page);

  // A reload shows everything as it was left.
  const positions = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('data-id')}@${(node as HTMLElement).style.transform}`).sort());
  await page.reload();
  await waitForEditor(page);
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(edges).toHaveCount(5);
  const reloaded = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('data-id')}@${(node as HTMLElement).style.transform}`).sort());
  expect(reloaded.map((entry) => entry.split('@')[0])).toEqual(positions.map((entry) => entry.split('@')[0]));
  await selectBlock(page, 'code');
  await expect.poll(() => codeEditorText(page, 'code-code')).toBe('return { score: input.text.length }');
  await selectBlock(page, 'condition_1');
  await expect.poll(() => codeEditorText(page, 'code-expression')).toBe('code.score > 3');
  await selectBlock(page, 'output_1');
  await expect(page.getByTestId('inspector').getByRole('combobox', { name: 'Value' })).toHaveValue('Long: {{code.score}}');
  await selectBlock(page, 'output_2');
  await expect(page.getByTestId('inspector').getByRole('combobox', { name: 'Value' })).toHaveValue('Short: {{code.score}}');
});

test('an invalid graph shows its problems on the canvas and deploy refuses it', async ({ page }) => {
  await signUp(page, newPerson('Checker'));
  await createWorkflow(page, 'Unfinished');
  await drawChain(page, { type: 'input', at: { x: 200, y: 200 } }, { type: 'output', at: { x: 560, y: 200 } });
  await dropBlock(page, 'code', { x: 380, y: 480 });
  await expectSaved(page);

  // The disconnected code block carries a marker, and the problems list names it.
  await expect(block(page, 'code_1').getByTestId('block-code_1-problem')).toBeVisible();
  await expect(page.getByTestId('problem-count')).not.toHaveText('0');
  await page.getByRole('button', { name: /Problems/ }).click();
  const entry = page.getByRole('region', { name: 'Problems' }).getByTestId('problem-entry').filter({ hasText: 'code_1' }).first();
  await expect(entry).toBeVisible();
  await clickEmptyCanvas(page);
  await page.getByRole('button', { name: /Problems/ }).click();
  await page.getByRole('region', { name: 'Problems' }).getByTestId('problem-entry').filter({ hasText: 'code_1' }).first().click();
  await expect(page.getByTestId('inspector').getByRole('heading', { name: 'code_1' })).toBeVisible();

  // Deploy refuses and lists what to fix.
  await page.getByRole('button', { name: 'Deploy' }).click();
  const deploy = page.getByRole('dialog', { name: 'Deploy' });
  await deploy.getByRole('button', { name: 'Deploy' }).click();
  await expect(deploy.getByTestId('deploy-problems')).toContainText('code_1');
  await deploy.getByRole('button', { name: 'Close', exact: true }).click();

  // Connecting the block fixes it: the marker goes and deploy works; the draft stays editable.
  await connect(page, 'handle-input_1-out', 'handle-code_1-in');
  await expectSaved(page);
  await expect(page.getByTestId('problem-count')).toHaveText('0');
  await expect(block(page, 'code_1').getByTestId('block-code_1-problem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await deploy.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(deploy.getByText(/Deployed · version/)).toBeVisible();
  await deploy.getByRole('button', { name: 'Arm webhook' }).click();
  await expect(deploy.getByTestId('webhook-url')).toContainText('/api/webhooks/');
  await expect(deploy.getByTestId('webhook-secret')).toContainText('whsec_');
  await expect(deploy.getByTestId('webhook-snippet')).toContainText('curl -X POST');
  await deploy.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByTestId('deployed-badge')).toContainText('Deployed · v1');
  await expect(page.getByTestId('palette-code')).toBeEnabled();

  // Undeploying asks first; afterwards nothing says deployed, without a reload.
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await deploy.getByRole('button', { name: 'Undeploy…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Undeploy this workflow?' });
  await confirm.getByRole('button', { name: 'Undeploy', exact: true }).click();
  await expect(deploy.getByText('Draft · not deployed')).toBeVisible();
  await deploy.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByTestId('deployed-badge')).toHaveCount(0);
  await expect(page.getByTestId('palette-code')).toBeEnabled();
});

test('screenshots of the editor in light and dark, idle and mid-run', async ({ page }) => {
  await signUp(page, newPerson('Painter'));
  await createWorkflow(page, 'Slow summary');
  await drawChain(page, { type: 'input', at: { x: 160, y: 260 } }, { type: 'code', at: { x: 480, y: 260 } }, { type: 'output', at: { x: 800, y: 260 } });
  await selectBlock(page, 'code_1');
  await typeInCodeEditor(page, 'code-code', 'console.log("thinking…"); await new Promise((r) => setTimeout(r, 2000)); return { words: input.text.split(" ").length }');
  await setOutputValue(page, 'output_1', '{{code_1.words}} words');
  await expectSaved(page);
  await clickEmptyCanvas(page);

  for (const theme of ['light', 'dark'] as const) {
    const isDark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    if (isDark !== (theme === 'dark')) await page.getByRole('button', { name: theme === 'dark' ? 'Switch to dark theme' : 'Switch to light theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
    const closePanel = page.getByRole('button', { name: 'Close run panel' });
    if (await closePanel.isVisible()) await closePanel.click();
    await expect(block(page, 'code_1')).not.toHaveAttribute('data-status');
    await page.waitForTimeout(400); // let the status rings fade out
    await page.screenshot({ path: screenshotPath(`editor-${theme}-idle.png`) });

    const dialog = await openRunDialog(page);
    await dialog.getByLabel('text').fill('a few words here');
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await expect(block(page, 'code_1')).toHaveAttribute('data-status', 'running', { timeout: 15_000 });
    await page.screenshot({ path: screenshotPath(`editor-${theme}-running.png`) });
    const panel = await waitForRunCompleted(page);
    await expect(panel.getByTestId('run-output')).toHaveText('4 words');
  }
  // The choice survives a reload.
  await page.reload();
  await waitForEditor(page);
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
});
