import { expect, test, type Locator, type Page } from '@playwright/test';

// Driving the workflow editor the way a person does: the mouse for the palette, handles and canvas, the keyboard
// for fields and shortcuts.

/**
 * Settings for a spec file that draws on the canvas, called at its top: a screen wide enough for the palette, a canvas
 * that takes blocks dropped up to 800 px in, and the inspector side by side; two minutes a test, as every drag waits
 * for the page and a busy machine makes that slow.
 */
export function configureEditorSpec() {
  test.use({ viewport: { width: 1600, height: 1000 } });
  test.describe.configure({ timeout: 120_000 });
}

/** Creates a workflow from the workflows page ("New workflow" → name → Create) and waits for the editor. */
export async function createWorkflow(page: Page, name: string): Promise<string> {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'New workflow' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New workflow' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/]+$/);
  await waitForEditor(page);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Opens a workflow that already exists (say, made through the API) in the editor and waits for it. */
export async function openEditor(page: Page, workflowId: string) {
  await page.goto(`/workflows/${workflowId}`);
  await waitForEditor(page);
}

export async function waitForEditor(page: Page) {
  await expect(page.getByTestId('workflow-editor')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('complementary', { name: 'Blocks' }).getByTestId('palette-input')).toBeVisible();
}

export function canvas(page: Page): Locator {
  return page.getByTestId('editor-canvas');
}

export function block(page: Page, id: string): Locator {
  return page.getByTestId(`block-${id}`);
}

function blockIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id') ?? ''));
}

/**
 * Drags a block type from the palette and drops it at `at` (pixels from the canvas's top-left corner); returns the id
 * the editor gave the new block.
 */
export async function dropBlock(page: Page, type: string, at: { x: number; y: number }): Promise<string> {
  const before = await blockIds(page);
  await page.getByTestId(`palette-${type}`).dragTo(canvas(page), { targetPosition: at });
  await expect(page.locator('.react-flow__node')).toHaveCount(before.length + 1);
  return (await blockIds(page)).find((id) => !before.includes(id))!;
}

/** Drags from one handle to another with the mouse, as a person connects two blocks. */
export async function connect(page: Page, fromHandle: string, toHandle: string) {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  const from = page.getByTestId(fromHandle);
  const to = page.getByTestId(toHandle);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(edges).toHaveCount(before + 1);
}

/**
 * Draws blocks that follow one another with the mouse: drops each type from the palette at its spot, in order, then
 * drags from each block's output to the next one's input (by the ids the editor gave them).
 */
export async function drawChain(page: Page, ...drops: { type: string; at: { x: number; y: number } }[]) {
  const ids: string[] = [];
  for (const { type, at } of drops) ids.push(await dropBlock(page, type, at));
  for (let i = 1; i < ids.length; i++) await connect(page, `handle-${ids[i - 1]}-out`, `handle-${ids[i]}-in`);
}

/** Opens the Run dialog with the top bar's Run button. */
export async function openRunDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run workflow' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Waits for the run panel to say the editor's run completed; returns the panel (its output, its links). */
export async function waitForRunCompleted(page: Page): Promise<Locator> {
  const panel = page.getByTestId('run-panel');
  await expect(panel.getByTestId('run-status')).toHaveText('Completed', { timeout: 30_000 });
  return panel;
}

/** Selects a block by clicking its title. */
export async function selectBlock(page: Page, id: string) {
  await block(page, id).locator('p').first().click();
  await expect(page.getByTestId('inspector')).toBeVisible();
}

/** Replaces the text of a CodeMirror editor (found by its test id) by typing, as a person would. */
export async function typeInCodeEditor(page: Page, testId: string, text: string) {
  const editor = page.getByTestId(testId);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  // Close completions that typing may have opened, so they never swallow the next key.
  await page.keyboard.press('Escape');
}

/** The text of a CodeMirror editor, one line per line. */
export async function codeEditorText(page: Page, testId: string): Promise<string> {
  const lines = await page.getByTestId(testId).locator('.cm-line').allInnerTexts();
  return lines.join('\n');
}

/** Clicks an empty spot of the canvas (clears the selection and takes the keyboard away from fields). */
export async function clickEmptyCanvas(page: Page) {
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.click(box.x + box.width - 40, box.y + 40);
}

export async function expectSaved(page: Page) {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
}
