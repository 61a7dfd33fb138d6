import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { createWorkflow, echoGraph, failingGraph, runWorkflow } from './helpers/executions';
import { openSettings } from './helpers/settings';

test('the dashboard charts the workspace’s runs, narrows to one workflow, and an owner sets a monthly budget', async ({ page }) => {
  await signUp(page, newPerson('Dash'));
  const echo = await createWorkflow(page, 'Echo', echoGraph());
  const broken = await createWorkflow(page, 'Broken', failingGraph());
  for (const text of ['a', 'b', 'c']) expect((await runWorkflow(page, echo, { text })).status).toBe('completed');
  expect((await runWorkflow(page, broken, {})).status).toBe('failed');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const totals = page.getByTestId('dashboard-totals');
  await expect(totals).toContainText('Runs4');
  await expect(totals).toContainText('Failure rate25%');
  // Each chart is a picture with a text alternative that carries its figures.
  await expect(page.getByRole('img', { name: /^Runs: 4 runs, 1 failed/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Failure rate: 25% of the runs that ended failed/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Duration: Half the runs took at most/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Cost: \$0 in total/ })).toBeVisible();
  await expect(page.getByTestId('chart-runs').locator('circle')).not.toHaveCount(0);
  await expect(page.getByRole('row', { name: /Echo/ })).toContainText('0%');

  await page.getByRole('button', { name: '24 hours' }).click();
  await expect(page.getByRole('button', { name: '24 hours' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Workflow', { exact: true }).selectOption({ label: 'Broken' });
  await expect(totals).toContainText('Runs1');
  await expect(totals).toContainText('Failure rate100%');
  await expect(page.getByRole('row', { name: /Echo/ })).toHaveCount(0);

  await openSettings(page, 'General');
  const form = page.getByRole('form', { name: 'Monthly budget' });
  await form.getByLabel('Monthly budget, USD').fill('25');
  await form.getByLabel('Warn from, % of the budget').fill('90');
  await form.getByLabel('Stop LLM calls when the budget is exceeded').check();
  await form.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Budget saved.' })).toBeVisible();
  await expect(page.getByTestId('budget-spent')).toHaveText('Spent this month (UTC): $0 of $25.00');

  await page.reload();
  await expect(form.getByLabel('Monthly budget, USD')).toHaveValue('25');
  await expect(form.getByLabel('Warn from, % of the budget')).toHaveValue('90');
  await expect(form.getByLabel('Stop LLM calls when the budget is exceeded')).toBeChecked();
});

test.describe('in Los Angeles', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });

  test('the dashboard cuts days in the browser’s time zone', async ({ page }) => {
    await signUp(page, newPerson('West'));
    const echo = await createWorkflow(page, 'Echo', echoGraph());
    expect((await runWorkflow(page, echo, { text: 'a' })).status).toBe('completed');
    const asked = page.waitForRequest((request) => request.url().includes('dashboard.get') && decodeURIComponent(request.url()).includes('"time_zone":"America/Los_Angeles"'));
    await page.goto('/dashboard');
    await asked;
    await expect(page.getByText('days as in America/Los_Angeles')).toBeVisible();
    await expect(page.getByTestId('dashboard-totals')).toContainText('Runs1');
  });
});
