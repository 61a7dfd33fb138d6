import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { WORKFLOW_TEMPLATES } from '../lib/templates';
import { newPerson, signUp } from './helpers/auth';
import { block, waitForEditor } from './helpers/editor';

// The templates gallery as a new user meets it: narrow it down by category and words, use a template by keyboard,
// and find the complete workflow (with its schedule) on the canvas.

test.describe.configure({ timeout: 120_000 });

const cards = (page: Page) => page.getByRole('list', { name: 'Templates' }).getByRole('article');

test('filter the gallery, use a template from the keyboard, and see it on the canvas with its trigger', async ({ page, baseURL }) => {
  await signUp(page, newPerson('Tess'));
  await expect(page.getByRole('heading', { name: 'Create your first workflow' })).toBeVisible();
  await expect(cards(page)).toHaveCount(WORKFLOW_TEMPLATES.length);
  await expect(cards(page).first().getByText(/^Blocks: Input, /)).toBeAttached();

  // A category narrows the cards to it; words narrow them further.
  const operations = WORKFLOW_TEMPLATES.filter((template) => template.category === 'operations');
  await page.getByText(`Operations (${operations.length})`, { exact: true }).click();
  await expect(page.getByRole('radio', { name: /^Operations/ })).toBeChecked();
  await expect(cards(page)).toHaveCount(operations.length);
  await expect(page.getByRole('status').filter({ hasText: /templates?$/ })).toHaveText(`${operations.length} templates`);
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('digest schedule');
  await expect(cards(page)).toHaveCount(1);
  const digest = cards(page).first();
  await expect(digest.getByRole('heading', { name: 'Daily digest on a schedule' })).toBeVisible();
  await expect(digest.getByText('Runs on a schedule')).toBeVisible();

  // Nothing matches: say so, and offer the way back.
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('spreadsheet of unicorns');
  await expect(cards(page)).toHaveCount(0);
  await expect(page.getByText('No template matches “spreadsheet of unicorns” in Operations.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(cards(page)).toHaveCount(WORKFLOW_TEMPLATES.length);
  await expect(page.getByRole('radio', { name: /^All/ })).toBeChecked();

  // "Use template" by keyboard: the workflow opens in the editor with every block of the template.
  await page.getByRole('searchbox', { name: 'Search templates' }).fill('daily digest');
  await page.getByRole('button', { name: 'Use template “Daily digest on a schedule”' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workflows\/[^/?#]+$/);
  await waitForEditor(page);
  const template = WORKFLOW_TEMPLATES.find((t) => t.id === 'daily-digest')!;
  for (const { id } of template.graph.blocks) await expect(block(page, id)).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(template.graph.edges.length);

  // It came with its schedule (firing once the workflow is deployed).
  const workflowId = new URL(page.url()).pathname.split('/').pop()!;
  const triggers = await page.request.get(`/api/workflows/${workflowId}/triggers`, { headers: { Origin: baseURL! } });
  expect(await triggers.json()).toMatchObject({ triggers: [{ kind: 'schedule', config: { cron: '0 8 * * 1-5', timezone: 'UTC' } }] });
});

test('the gallery page is reached from the workflows list and passes an accessibility scan, light and dark', async ({ page }) => {
  await signUp(page, newPerson('Gail'));
  await page.getByRole('button', { name: 'Use template “Clean up a list of contacts with code”' }).click();
  await waitForEditor(page);
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'From template' }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible();
  await expect(cards(page)).toHaveCount(WORKFLOW_TEMPLATES.length);

  for (const theme of ['light', 'dark']) {
    await page.evaluate((value) => localStorage.setItem('weft-theme', value), theme);
    await page.reload();
    await expect(cards(page)).toHaveCount(WORKFLOW_TEMPLATES.length);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
    expect(serious, theme).toEqual([]);
  }
});

test('a template with a webhook shows its secret once, then opens the workflow', async ({ page, baseURL }) => {
  await signUp(page, newPerson('Hook'));
  await page.goto('/templates');
  await page.getByRole('button', { name: 'Use template “Summarize a webhook payload”' }).click();
  const secret = page.getByTestId('template-trigger-secret');
  await expect(secret).toHaveText(/^whsec_/);
  await expect(page.getByText('Copy it now: the secret is shown only this once.')).toBeVisible();
  await expect(page.getByText(/\/api\/hooks\//)).toBeVisible();
  await page.getByRole('link', { name: 'Open in the editor' }).click();
  await waitForEditor(page);
  const workflowId = new URL(page.url()).pathname.split('/').pop()!;
  const triggers = await page.request.get(`/api/workflows/${workflowId}/triggers`, { headers: { Origin: baseURL! } });
  expect(await triggers.json()).toMatchObject({ triggers: [{ kind: 'webhook', config: { auth: 'bearer' } }] });
});
