import fs from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fillAuthForm, newPerson, signUp, submitAuthForm } from './helpers/auth';
import { createInvitation, openSettings } from './helpers/settings';
import { WORKFLOW_TEMPLATES } from '../lib/templates';

const SUMMARIZE = 'Summarize text with an LLM';
const EDITOR_URL = /\/workflows\/[^/?#]+$/;

function workflowsTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Workflows' });
}

/** The row of a workflow, found by its exact name (the name is the row's link). */
function row(page: Page, name: string): Locator {
  return workflowsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** Opens a row's actions menu and picks an item. */
async function rowAction(page: Page, name: string, item: string | RegExp) {
  await page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Leaves the editor the way a person does, with Back, and waits for the list. */
async function backToList(page: Page) {
  await page.goBack();
  await expect(page).toHaveURL(/\/workflows(\?.*)?$/);
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
}

test('a first workflow from a template, then create, search, rename, duplicate, export, import and delete', async ({ page }) => {
  await signUp(page, newPerson('Wren'));

  // A new workspace invites creating the first workflow and offers templates.
  await expect(page.getByRole('heading', { name: 'Create your first workflow' })).toBeVisible();
  const templates = page.getByRole('list', { name: 'Templates' });
  await expect(templates.getByRole('button')).toHaveCount(WORKFLOW_TEMPLATES.length);

  // One click makes a complete workflow and opens it in the editor.
  await templates.getByRole('button', { name: SUMMARIZE }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  await backToList(page);
  await expect(row(page, SUMMARIZE)).toBeVisible();
  await expect(row(page, SUMMARIZE).getByRole('cell').nth(2)).toHaveText('3'); // blocks
  await expect(row(page, SUMMARIZE)).toContainText('Never run');
  await expect(row(page, SUMMARIZE)).toContainText('Draft');

  // "New workflow": a name and a description, then the editor.
  await page.getByRole('button', { name: 'New workflow', exact: true }).click();
  const create = page.getByRole('dialog', { name: 'New workflow' });
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create.getByText('Give the workflow a name.')).toBeVisible();
  await create.getByLabel('Name').fill('Weekly report');
  await create.getByLabel(/Description/).fill('Sends the numbers every Monday');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  await backToList(page);
  await expect(row(page, 'Weekly report')).toContainText('Sends the numbers every Monday');
  await expect(workflowsTable(page).getByRole('row')).toHaveCount(3); // header + 2

  // Search narrows the list, and lives in the URL.
  await page.getByRole('searchbox', { name: 'Search workflows' }).fill('weekly');
  await expect(page).toHaveURL(/\?q=weekly$/);
  await expect(workflowsTable(page).getByRole('row')).toHaveCount(2);
  await expect(row(page, 'Weekly report')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search workflows' }).fill('no such thing');
  await expect(page.getByText('No workflows match “no such thing”')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(page).toHaveURL(/\/workflows$/);
  await expect(workflowsTable(page).getByRole('row')).toHaveCount(3);

  // Rename.
  await rowAction(page, 'Weekly report', 'Rename…');
  const rename = page.getByRole('dialog', { name: 'Rename workflow' });
  await expect(rename.getByLabel('Name')).toHaveValue('Weekly report');
  await rename.getByLabel('Name').fill('Weekly numbers');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename).toBeHidden();
  await expect(row(page, 'Weekly numbers')).toBeVisible();
  await expect(row(page, 'Weekly report')).toHaveCount(0);
  // Focus is back on the row's menu button, so a keyboard user carries on where they were.
  await expect(page.getByRole('button', { name: 'Actions for Weekly numbers' })).toBeFocused();

  // Duplicate.
  await rowAction(page, SUMMARIZE, 'Duplicate');
  await expect(page.getByText(`Created “${SUMMARIZE} (copy)”, a copy of “${SUMMARIZE}”.`)).toBeVisible();
  await expect(row(page, `${SUMMARIZE} (copy)`).getByRole('cell').nth(2)).toHaveText('3');

  // Export downloads <name>.weft.json holding the workflow's blocks.
  const downloading = page.waitForEvent('download');
  await rowAction(page, SUMMARIZE, 'Export as JSON');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${SUMMARIZE}.weft.json`);
  const exported = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  expect(exported).toMatchObject({ format: 'weft.workflow', format_version: 1, name: SUMMARIZE });
  expect(exported.blocks.map((block: { id: string; type: string }) => `${block.id}:${block.type}`)).toEqual(['input:input', 'summarize:llm', 'output:output']);
  expect(exported.edges).toHaveLength(2);

  // Importing that file creates another workflow with the same blocks.
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import' }).click();
  await (await chooser).setFiles({ name: `${SUMMARIZE}.weft.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(page.getByText(`Imported “${SUMMARIZE}”.`)).toBeVisible();
  await expect(row(page, SUMMARIZE)).toHaveCount(2);
  for (const imported of await row(page, SUMMARIZE).all()) await expect(imported.getByRole('cell').nth(2)).toHaveText('3');

  // A file whose graph is invalid is refused with every problem the server found, block by block.
  const broken = {
    format: 'weft.workflow',
    format_version: 1,
    name: 'Broken',
    blocks: [
      { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
      { id: 'ask', type: 'llm', config: { model: 'gpt-4o-mini' }, position: { x: 320, y: 0 } },
    ],
    edges: [{ source: 'input', target: 'ask' }],
  };
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import' }).click();
  await (await chooser).setFiles({ name: 'broken.weft.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const refused = page.getByRole('dialog', { name: 'Could not import “broken.weft.json”' });
  await expect(refused).toContainText('The workflow in this file is not valid');
  const problems = refused.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('listitem').filter({ hasText: 'Block ask' }).filter({ hasText: 'config.prompt' })).toBeVisible();
  await expect(problems).toContainText('The workflow has no output block');
  await refused.getByRole('button', { name: 'Close' }).click();
  await expect(refused).toBeHidden();

  // A file that is not JSON at all says so.
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import' }).click();
  await (await chooser).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('these are not the droids') });
  const notJson = page.getByRole('dialog', { name: 'Could not import “notes.json”' });
  await expect(notJson).toContainText('This file is not valid JSON');
  await notJson.getByRole('button', { name: 'Close' }).click();
  await expect(row(page, 'Broken')).toHaveCount(0);

  // Delete asks first, naming the workflow.
  await rowAction(page, 'Weekly numbers', 'Delete…');
  const confirm = page.getByRole('dialog', { name: 'Delete “Weekly numbers”?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'Weekly numbers')).toBeVisible();
  await rowAction(page, 'Weekly numbers', 'Delete…');
  await confirm.getByRole('button', { name: 'Delete workflow' }).click();
  await expect(confirm).toBeHidden();
  await expect(row(page, 'Weekly numbers')).toHaveCount(0);
  await expect(page.getByText('Deleted “Weekly numbers”.')).toBeVisible();
  await expect(workflowsTable(page).getByRole('row')).toHaveCount(4); // header + 3
});

test('the list shows runs and deployment; a deployed workflow is renamed as it is, but must be undeployed before it is deleted', async ({ page, baseURL }) => {
  await signUp(page, newPerson('Dora'));
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: SUMMARIZE }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  const id = new URL(page.url()).pathname.split('/').pop()!;

  // Run it once (no model provider is configured here, so the run fails) and deploy it, through the REST API.
  const headers = { Origin: baseURL! };
  const run = await page.request.post(`/api/workflows/${id}/execute`, { headers, data: { input: { text: 'Hello there.' } } });
  expect(run.ok()).toBe(true);
  const deploy = await page.request.post(`/api/workflows/${id}/deploy`, { headers });
  expect(deploy.ok()).toBe(true);

  await page.goto('/workflows');
  const summarize = row(page, SUMMARIZE);
  await expect(summarize).toContainText('Deployed');
  await expect(summarize.getByRole('cell').nth(3)).toContainText(/Failed|Succeeded/);
  await expect(summarize.getByRole('cell').nth(4)).toHaveText('1');

  await rowAction(page, SUMMARIZE, 'Delete…');
  const confirm = page.getByRole('dialog', { name: `Delete “${SUMMARIZE}”?` });
  await confirm.getByRole('button', { name: 'Delete workflow' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Undeploy it first');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(summarize).toBeVisible();

  await rowAction(page, SUMMARIZE, 'Rename…');
  const rename = page.getByRole('dialog', { name: 'Rename workflow' });
  await rename.getByLabel('Name').fill('Summaries');
  await rename.getByRole('button', { name: 'Save' }).click();
  // A name is not what runs: a deployed workflow is renamed at once and stays deployed.
  await expect(rename).toBeHidden();
  await expect(row(page, 'Summaries')).toContainText('Deployed');
});

test('pages through the list with the page in the URL', async ({ page }) => {
  await signUp(page, newPerson('Paige'));
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: SUMMARIZE }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  await backToList(page);
  for (let copy = 1; copy <= 4; copy++) {
    await rowAction(page, SUMMARIZE, 'Duplicate');
    await expect(workflowsTable(page).getByRole('row')).toHaveCount(copy + 2);
  }

  await page.goto('/workflows?limit=2');
  await expect(page.getByTestId('pagination-summary')).toHaveText('Showing 1–2 of 5 workflows');
  await expect(page.getByTestId('pagination-page')).toHaveText('Page 1 of 3');
  await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();
  const rowIds = () => page.getByTestId('workflow-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-workflow-id')));
  const firstPage = await rowIds();

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?limit=2&offset=2$/);
  await expect(page.getByTestId('pagination-page')).toHaveText('Page 2 of 3');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?limit=2&offset=4$/);
  await expect(page.getByTestId('pagination-summary')).toHaveText('Showing 5–5 of 5 workflows');
  await expect(workflowsTable(page).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();

  // Back returns to the previous page; a reload keeps the page.
  await page.goBack();
  await expect(page).toHaveURL(/\?limit=2&offset=2$/);
  await page.reload();
  await expect(page.getByTestId('pagination-page')).toHaveText('Page 2 of 3');
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByTestId('pagination-page')).toHaveText('Page 1 of 3');
  await expect.poll(rowIds).toEqual(firstPage);

  // A bigger page shows them all.
  await page.getByLabel('Per page').selectOption('10');
  await expect(page).toHaveURL(/\?limit=10$/);
  await expect(workflowsTable(page).getByRole('row')).toHaveCount(6);
  await expect(page.getByTestId('pagination-page')).toHaveText('Page 1 of 1');

  // Sorting by name.
  await page.getByLabel('Sort by').selectOption('name');
  await expect(page).toHaveURL(/sort=name/);
  await expect(workflowsTable(page).getByRole('link').first()).toHaveText(SUMMARIZE);
});

test('a viewer sees the workflows but none of the actions that change them', async ({ page, browser }) => {
  const owner = newPerson('Otto');
  await signUp(page, owner);
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: 'Classify then branch' }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  await openSettings(page, 'Members');
  const link = await createInvitation(page, 'viewer');

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(link);
  await fillAuthForm(viewerPage, 'sign-up', newPerson('Vera'));
  await submitAuthForm(viewerPage, 'sign-up');
  await expect(viewerPage).toHaveURL(/\/workflows$/);

  await expect(row(viewerPage, 'Classify then branch')).toBeVisible();
  await expect(row(viewerPage, 'Classify then branch').getByRole('cell').nth(2)).toHaveText('5');
  await expect(viewerPage.getByRole('button', { name: 'New workflow' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'Import' })).toHaveCount(0);
  await expect(viewerPage.getByRole('button', { name: 'From template' })).toHaveCount(0);
  await viewerPage.getByRole('button', { name: 'Actions for Classify then branch' }).click();
  await expect(viewerPage.getByRole('menuitem')).toHaveText(['Open in editor', 'Export as JSON']);
  await viewerContext.close();
});
