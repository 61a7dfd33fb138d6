import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { createWorkflow, runWorkflow, type TestGraph } from './helpers/executions';

// A signed approval link: the person running a workflow copies the link from the waiting execution's page and
// sends it on; someone without an account opens it in their own browser, approves, and the run completes.

test.describe.configure({ timeout: 120_000 });

const refund: TestGraph = {
  blocks: [
    { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
    { id: 'ask', type: 'approval', config: { message: 'Refund {{input.amount}} EUR to Ada?' }, position: { x: 240, y: 0 } },
    { id: 'pay', type: 'code', config: { code: 'return "paid " + input.amount' }, position: { x: 480, y: -80 } },
    { id: 'deny', type: 'code', config: { code: 'return "denied"' }, position: { x: 480, y: 80 } },
    { id: 'output', type: 'output', config: {}, position: { x: 720, y: 0 } },
  ],
  edges: [
    { source: 'input', target: 'ask' },
    { source: 'ask', target: 'pay', sourceHandle: 'approved' },
    { source: 'ask', target: 'deny', sourceHandle: 'rejected' },
    { source: 'pay', target: 'output' },
    { source: 'deny', target: 'output' },
  ],
};

test('a stranger approves through a copied link and the execution completes', async ({ page, browser, context }) => {
  await signUp(page, newPerson('Requester'));
  const workflowId = await createWorkflow(page, 'Refunds', refund);
  const run = await runWorkflow(page, workflowId, { amount: 30 });
  expect(run.status).toBe('waiting');

  await page.goto(`/workflows/${workflowId}/executions/${run.id}`);
  await expect(page.getByTestId('execution-status').first()).toHaveAttribute('data-status', 'waiting');
  const approvals = page.getByTestId('approvals');
  await expect(approvals).toContainText('Refund 30 EUR to Ada?');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await approvals.getByRole('button', { name: 'Copy approval link of ask' }).click();
  await expect(approvals.getByRole('button', { name: 'Copy approval link of ask' })).toHaveText('Copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/approve\/[\w-]+\.[\w-]+$/);
  await expect(approvals.getByTestId('approval-link')).toHaveText(link);

  // Someone without an account, in a browser of their own: opening the link decides nothing.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(link);
  await expect(strangerPage.getByRole('heading', { name: 'Approval requested' })).toBeVisible();
  await expect(strangerPage.getByText('Refund 30 EUR to Ada?')).toBeVisible();
  const unchanged = await page.request.get(`/api/workflows/${workflowId}/executions/${run.id}`);
  expect(((await unchanged.json()) as { status: string }).status).toBe('waiting');

  await strangerPage.getByLabel('Comment (optional)').fill('Customer is right');
  await strangerPage.getByRole('button', { name: 'Approve' }).click();
  await expect(strangerPage.getByRole('status').filter({ hasText: 'Approved' })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('execution-status').first()).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('approvals')).toHaveCount(0);
  const done = (await (await page.request.get(`/api/workflows/${workflowId}/executions/${run.id}`)).json()) as { output: unknown };
  expect(done.output).toEqual({ pay: 'paid 30' });

  // The link, opened again, says it was decided already.
  await strangerPage.reload();
  await expect(strangerPage.getByText('Already decided')).toBeVisible();
  await expect(strangerPage.getByText('approved through a link')).toBeVisible();
  await expect(strangerPage.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await stranger.close();
});

test('an altered link shows a clear page, not an error', async ({ browser }) => {
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const response = await strangerPage.goto('/approve/eyJ3IjoieCJ9.not-a-signature');
  expect(response?.status()).toBe(200);
  await expect(strangerPage.getByText('This approval link is not valid')).toBeVisible();
  await stranger.close();
});
