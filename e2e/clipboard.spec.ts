import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { block, clickEmptyCanvas, configureEditorSpec, createWorkflow, drawChain, expectSaved, selectBlock, waitForEditor } from './helpers/editor';

// Copy, paste and duplicate with the keyboard: copies get fresh ids, the edge between copied blocks comes along,
// one undo takes a paste back, and what was pasted is saved.

configureEditorSpec();

test('copy and paste connected blocks, undo and redo the paste, duplicate one, reload', async ({ page }) => {
  await signUp(page, newPerson('Copier'));
  await createWorkflow(page, 'Copies');
  await drawChain(page, { type: 'input', at: { x: 160, y: 160 } }, { type: 'code', at: { x: 460, y: 160 } });
  const nodes = page.locator('.react-flow__node');
  const edges = page.locator('.react-flow__edge');

  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+c');
  await expect(page.getByText('Copied 2 blocks')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+v');
  await expect(nodes).toHaveCount(4);
  await expect(block(page, 'input_2')).toBeVisible();
  await expect(block(page, 'code_2')).toBeVisible();
  await expect(edges).toHaveCount(2);
  await expect(page.locator('.react-flow__edge[data-id*="input_2"][data-id*="code_2"]')).toHaveCount(1);

  await page.keyboard.press('ControlOrMeta+z');
  await expect(nodes).toHaveCount(2);
  await expect(edges).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(nodes).toHaveCount(4);
  await expect(edges).toHaveCount(2);

  await selectBlock(page, 'code_1');
  await page.keyboard.press('ControlOrMeta+d');
  await expect(block(page, 'code_3')).toBeVisible();
  await expectSaved(page);

  await page.reload();
  await waitForEditor(page);
  await expect(nodes).toHaveCount(5);
  await expect(edges).toHaveCount(2);
});
