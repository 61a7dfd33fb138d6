import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';

// The API reference as a person uses it: snippets to copy, and "try it" against this server.

test('a signed-in person creates a workflow from the reference with "Try it"', async ({ page }) => {
  await signUp(page, newPerson('Docs'));
  await page.goto('/docs');
  const create = page.locator('#createWorkflow');
  await create.getByText('Create a workflow').click();

  const tabs = create.getByRole('tablist', { name: /Examples of POST \/api\/workflows/ });
  await tabs.getByRole('tab', { name: 'curl' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'JavaScript' })).toHaveAttribute('aria-selected', 'true');
  await expect(create.getByRole('tabpanel')).toContainText("fetch('");

  await expect(create.getByLabel('Request body (JSON)')).toHaveValue(/Summarize support tickets/);
  await create.getByRole('button', { name: 'Send request' }).click();
  await expect(create.getByText('Answer: 201')).toBeVisible();
  await expect(create.getByTestId('try-it-answer')).toContainText('"name": "Summarize support tickets"');

  await page.goto('/workflows');
  await expect(page.getByText('Summarize support tickets')).toBeVisible();
});

test('the reference documents stream events and every block type', async ({ page }) => {
  await page.goto('/docs');
  await expect(page.getByRole('heading', { name: 'Stream events', level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'ErrorEvent', exact: true, level: 3 })).toBeVisible();
  await expect(page.locator('#stream-events').getByText("EventSource's own connection-error event")).toBeVisible();
  await expect(page.getByRole('table', { name: 'Config of llm blocks' })).toBeVisible();
});
