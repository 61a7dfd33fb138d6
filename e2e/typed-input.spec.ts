import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { openEditor, openRunDialog, typeInCodeEditor, waitForRunCompleted } from './helpers/editor';
import { at, chain, codeBlock, createWorkflow, deployWithForm, inputBlock, openFormAsStranger, outputBlock } from './helpers/executions';

// Integer, number, array and object fields of the input block, filled in by a person in the editor's run dialog and
// on the hosted form: a fraction in an integer field or broken JSON is said under the field as it is typed, and the
// run starts with the right JSON types.

test.describe.configure({ timeout: 120_000 });

const typed = chain(
  inputBlock(at(0, 0), [
    { name: 'count', type: 'integer', required: true },
    { name: 'ratio', type: 'number', default: 0.5 },
    { name: 'tags', type: 'array', required: true },
    { name: 'meta', type: 'object' },
  ]),
  codeBlock(
    'describe',
    'return [input.count, typeof input.count, input.ratio, Array.isArray(input.tags) ? input.tags.join("+") : "not a list", input.meta ? input.meta.who : "no meta"].join(" | ");',
    at(240, 0),
  ),
  outputBlock(at(480, 0), '{{describe}}'),
);

test('the run dialog takes integer, number, array and object fields and starts the run with typed JSON', async ({ page }) => {
  await signUp(page, newPerson('Typer'));
  await openEditor(page, await createWorkflow(page, 'Typed', typed));

  const dialog = await openRunDialog(page);
  const count = dialog.getByRole('spinbutton', { name: 'count (required)' });
  await expect(count).toHaveAttribute('step', '1');
  await expect(dialog.getByRole('spinbutton', { name: 'ratio' })).toHaveValue('0.5');

  // Starting with a required field empty says so on the field, and nothing starts.
  await count.click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(dialog.getByText('is required')).toHaveCount(2);

  await page.keyboard.type('2.5');
  await expect(dialog.getByText('Must be a whole number')).toBeVisible();
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await count.fill('3');
  await expect(dialog.getByText('Must be a whole number')).toHaveCount(0);

  await typeInCodeEditor(page, 'run-input-tags', '["a", "b",');
  await expect(dialog.getByText(/^Not valid JSON/)).toBeVisible();
  await typeInCodeEditor(page, 'run-input-tags', '["a", "b"]');
  await expect(dialog.getByText(/^Not valid JSON/)).toHaveCount(0);
  await typeInCodeEditor(page, 'run-input-meta', '["not an object"]');
  await expect(dialog.getByText(/Must be a JSON object/)).toBeVisible();
  await typeInCodeEditor(page, 'run-input-meta', '{"who": "Ada"}');

  await count.click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(dialog).toBeHidden();
  const panel = await waitForRunCompleted(page);
  await expect(panel.getByTestId('run-output')).toContainText('3 | number | 0.5 | a+b | Ada');

  // The dialog opens again with the last input.
  await openRunDialog(page);
  await expect(dialog.getByRole('spinbutton', { name: 'count (required)' })).toHaveValue('3');
});

test('the hosted form takes integer and array fields by keyboard and sends typed JSON', async ({ page, browser }) => {
  await signUp(page, newPerson('Former'));
  const workflowId = await createWorkflow(page, 'Typed form', typed);
  const formUrl = await deployWithForm(page, workflowId, 'public');

  const visitor = await openFormAsStranger(browser, formUrl);
  const count = visitor.getByRole('spinbutton', { name: 'count (required)' });
  await count.focus();
  await visitor.keyboard.type('4.2');
  await expect(visitor.getByText('Must be a whole number')).toBeVisible();
  await count.fill('');
  // Arrow keys step a whole number at a time.
  await visitor.keyboard.press('ArrowUp');
  await visitor.keyboard.press('ArrowUp');
  await expect(count).toHaveValue('2');
  await visitor.keyboard.press('Tab');
  await expect(visitor.getByRole('spinbutton', { name: 'ratio' })).toBeFocused();
  await visitor.keyboard.press('Tab');
  await visitor.keyboard.type('["x", "y", "z"');
  await expect(visitor.getByText(/^Not valid JSON/)).toBeVisible();
  await visitor.keyboard.type(']');
  await expect(visitor.getByText(/^Not valid JSON/)).toHaveCount(0);
  await visitor.keyboard.press('Tab');
  await visitor.keyboard.type('{"who": "Grace"}');
  await visitor.keyboard.press('Tab');
  await expect(visitor.getByRole('button', { name: 'Submit' })).toBeFocused();
  await visitor.keyboard.press('Enter');
  await expect(visitor.getByTestId('form-output')).toHaveText('2 | number | 0.5 | x+y+z | Grace');
  await visitor.context().close();
});
