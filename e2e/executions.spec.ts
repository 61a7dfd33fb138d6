import { expect, test, type Locator, type Page } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { createWorkflow, echoGraph, failingGraph, parallelFailureGraph, runWorkflow, slowGraph, startExecution } from './helpers/executions';

function executionsTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Executions' });
}

function executionRows(page: Page): Locator {
  return executionsTable(page).locator('tbody tr');
}

async function barExtent(page: Page, blockId: string) {
  const bar = page.getByTestId(`timeline-bar-${blockId}`);
  await expect(bar).toBeVisible();
  const box = (await bar.boundingBox())!;
  return {
    start: Number(await bar.getAttribute('data-start-ms')),
    end: Number(await bar.getAttribute('data-end-ms')),
    left: box.x,
    right: box.x + box.width,
  };
}

test('a failed run with parallel branches: the list, the graph, the block panel and the timeline', async ({ page }) => {
  await signUp(page, newPerson('Fay'));
  const workflowId = await createWorkflow(page, 'Parallel failure', parallelFailureGraph());
  const run = await runWorkflow(page, workflowId, { text: 'marmalade' });
  expect(run.status).toBe('failed');

  // The workflow's executions list shows it failed, with its error.
  await page.goto(`/workflows/${workflowId}/executions`);
  await expect(page.getByRole('heading', { name: 'Parallel failure', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open editor' })).toHaveAttribute('href', `/workflows/${workflowId}`);
  await expect(executionRows(page)).toHaveCount(1);
  const row = executionRows(page).first();
  await expect(row).toHaveAttribute('data-status', 'failed');
  await expect(row.getByTestId('execution-status')).toHaveText('Failed');
  await expect(row).toContainText('kaput');
  await expect(row).toContainText('marmalade');

  // Its page: the failing block red with its error and console, the others with their outputs.
  await row.getByRole('link', { name: /^Execution / }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/executions/${run.id}`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Execution');
  await expect(page.getByTestId('execution-status').first()).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('execution-error')).toContainText('kaput');

  const graph = page.getByTestId('execution-graph');
  await expect(graph.getByTestId('graph-node-fail_b')).toHaveAttribute('data-status', 'error');
  await expect(graph.getByTestId('graph-node-input')).toHaveAttribute('data-status', 'success');
  await expect(graph.getByTestId('graph-node-output')).toHaveAttribute('data-status', 'not_reached');
  // slow_a was still sleeping when fail_b failed and ended the execution.
  await expect(graph.getByTestId('graph-node-slow_a')).toHaveAttribute('data-status', /^(success|cancelled)$/);

  await graph.getByTestId('graph-node-fail_b').click();
  await expect(page).toHaveURL(/[?&]block=fail_b/);
  const panel = page.getByTestId('block-panel');
  await expect(panel).toHaveAttribute('data-block-id', 'fail_b');
  await expect(panel.getByTestId('block-status')).toHaveText('Failed');
  await expect(panel.getByTestId('block-error')).toContainText('kaput');
  const consoleLines = panel.getByTestId('block-console').getByRole('log');
  await expect(consoleLines).toContainText('before');
  await expect(consoleLines.locator('[data-level="log"]')).toHaveCount(1);

  // Another block, chosen from the timeline with the keyboard: its output.
  await page.getByRole('button', { name: /^input: succeeded/ }).focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-block-id', 'input');
  await expect(panel.getByTestId('block-output')).toContainText('marmalade');

  // Escape goes back to the execution: its input is there.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('execution-overview')).toBeVisible();
  await expect(page.getByTestId('execution-input')).toContainText('marmalade');

  // The two branches ran side by side: their bars overlap in time and on screen.
  const a = await barExtent(page, 'slow_a');
  const b = await barExtent(page, 'fail_b');
  expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end, b.end));
  expect(b.end - b.start).toBeGreaterThanOrEqual(250);
  expect(Math.max(a.left, b.left)).toBeLessThan(Math.min(a.right, b.right));
  const input = await barExtent(page, 'input');
  expect(input.end).toBeLessThanOrEqual(Math.min(a.start, b.start) + 5);

  // Copy as curl and re-run are offered to an owner.
  await expect(page.getByRole('button', { name: 'Copy as curl' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Re-run' })).toBeVisible();
});

test('a running execution is followed live until it completes, without a reload', async ({ page }) => {
  await signUp(page, newPerson('Lev'));
  // Long enough for the page to open and show it running on a busy machine, where a first visit also loads the route.
  const workflowId = await createWorkflow(page, 'Slow one', slowGraph(6_000));
  const executionId = await startExecution(page, workflowId, { text: 'patience' });

  await page.goto(`/workflows/${workflowId}/executions/${executionId}`);
  await page.evaluate(() => ((window as unknown as { weftMarker: number }).weftMarker = 42));
  const status = page.getByTestId('execution-status').first();
  await expect(status).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('graph-node-wait')).toHaveAttribute('data-status', 'running');
  await expect(page.getByText('Live', { exact: true })).toBeVisible();

  // The running block's console streams in.
  await page.getByTestId('graph-node-wait').click();
  await expect(page.getByTestId('block-panel').getByTestId('block-console')).toContainText('waiting');

  // …and then it ends, on the same page.
  await expect(status).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
  await expect(page.getByTestId('graph-node-wait')).toHaveAttribute('data-status', 'success');
  await expect(page.getByTestId('graph-node-output')).toHaveAttribute('data-status', 'success');
  await expect(page.getByTestId('block-panel').getByTestId('block-console')).toContainText('awake');
  await expect(page.getByTestId('block-panel').getByTestId('block-output')).toContainText('6000');
  const wait = await barExtent(page, 'wait');
  expect(wait.end - wait.start).toBeGreaterThanOrEqual(5_900);
  expect(await page.evaluate(() => (window as unknown as { weftMarker?: number }).weftMarker)).toBe(42);
});

test('the workspace executions page: filter by status, search by an input word, and new runs appear live', async ({ page }) => {
  await signUp(page, newPerson('Ines'));
  const echo = await createWorkflow(page, 'Echo', echoGraph());
  const broken = await createWorkflow(page, 'Broken', failingGraph());
  expect((await runWorkflow(page, echo, { text: 'pineapple tart' })).status).toBe('completed');
  expect((await runWorkflow(page, echo, { text: 'watermelon' })).status).toBe('completed');
  expect((await runWorkflow(page, broken, { text: 'kiwi' })).status).toBe('failed');

  await page.goto('/executions');
  await expect(page.getByRole('heading', { name: 'Executions', level: 1 })).toBeVisible();
  await expect(executionRows(page)).toHaveCount(3);
  await expect(executionsTable(page).getByRole('link', { name: 'Broken' })).toHaveCount(1);
  await expect(executionsTable(page).getByRole('link', { name: 'Echo' })).toHaveCount(2);

  // Status narrows, and lives in the URL.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await expect(page).toHaveURL(/[?&]status=failed/);
  await expect(executionRows(page)).toHaveCount(1);
  await expect(executionRows(page).first()).toContainText('Broken');
  await expect(executionRows(page).first()).toContainText('broken on purpose');

  // Back undoes the filter.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=/);
  await expect(executionRows(page)).toHaveCount(3);

  // Search finds by a word of the input.
  await page.getByRole('searchbox', { name: 'Search executions' }).fill('pineapple');
  await expect(page).toHaveURL(/[?&]q=pineapple/);
  await expect(executionRows(page)).toHaveCount(1);
  await expect(executionRows(page).first()).toContainText('pineapple');
  await page.getByRole('searchbox', { name: 'Search executions' }).fill('durian');
  await expect(page.getByText('No executions match these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(executionRows(page)).toHaveCount(3);

  // A link with filters opens them.
  await page.goto('/executions?status=completed&q=watermelon');
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('completed');
  await expect(page.getByRole('searchbox', { name: 'Search executions' })).toHaveValue('watermelon');
  await expect(executionRows(page)).toHaveCount(1);

  // While the page is open, new runs show up on their own.
  await page.goto('/executions');
  await expect(executionRows(page)).toHaveCount(3);
  await runWorkflow(page, echo, { text: 'fresh' });
  await expect(executionRows(page)).toHaveCount(4, { timeout: 10_000 });
  await expect(executionRows(page).first()).toContainText('fresh');
});

test('cancel a running execution, re-run it with the same input, copy it as curl, and delete the history', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page, newPerson('Cato'));
  const workflowId = await createWorkflow(page, 'Very slow', slowGraph(30_000));
  const executionId = await startExecution(page, workflowId, { text: 'stop me' });

  await page.goto(`/workflows/${workflowId}/executions/${executionId}`);
  const status = page.getByTestId('execution-status').first();
  await expect(status).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Cancel execution' }).click();
  const confirm = page.getByRole('dialog', { name: 'Cancel this execution?' });
  await confirm.getByRole('button', { name: 'Cancel execution' }).click();
  await expect(confirm).toBeHidden();
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('execution-error')).toContainText('Cancelled');
  await expect(page.getByTestId('graph-node-wait')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByRole('button', { name: 'Cancel execution' })).toHaveCount(0);

  // The same run from a terminal.
  await page.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`curl -X POST '${new URL(page.url()).origin}/api/workflows/${workflowId}/execute'`);
  expect(curl).toContain('-H "Authorization: Bearer $WEFT_API_KEY"');
  expect(curl).toContain(`-d '{"input":{"text":"stop me"}}'`);

  // Re-run: a new execution with the same input, followed live on its own page.
  await page.getByRole('button', { name: 'Re-run' }).click();
  const rerun = page.getByRole('dialog', { name: 'Re-run execution' });
  await expect(rerun.getByTestId('rerun-input-json')).toContainText('"text": "stop me"');
  await rerun.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(executionId));
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/executions/[0-9a-f-]{36}$`));
  await expect(page.getByTestId('execution-status').first()).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('execution-input')).toContainText('stop me');
  await page.getByRole('button', { name: 'Cancel execution' }).click();
  await page.getByRole('dialog', { name: 'Cancel this execution?' }).getByRole('button', { name: 'Cancel execution' }).click();
  await expect(page.getByTestId('execution-status').first()).toHaveAttribute('data-status', 'cancelled');

  // The workflow's history, then none of it.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Very slow' }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/executions$`));
  await expect(executionRows(page)).toHaveCount(2);
  await expect(executionRows(page).filter({ has: page.locator('[data-status="cancelled"]') })).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete all executions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete all executions?' });
  await dialog.getByRole('button', { name: 'Delete all executions' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Deleted 2 executions.')).toBeVisible();
  await expect(page.getByText('No executions yet')).toBeVisible();
});

test.describe('in a browser whose language and time zone differ from the server’s', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Pacific/Auckland' });

  test('the executions pages render on the server as in the browser: no console error on load', async ({ page }) => {
    await signUp(page, newPerson('Hydra'));
    const workflowId = await createWorkflow(page, 'Hydrated', echoGraph());
    const run = await runWorkflow(page, workflowId, { text: 'hello' });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const customRange = `?range=custom&from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`;
    for (const url of [`/workflows/${workflowId}/executions`, `/workflows/${workflowId}/executions${customRange}`, `/workflows/${workflowId}/executions/${run.id}`, '/executions']) {
      // A full page load, so the server's HTML is hydrated (client-side navigation would not render on the server).
      await page.goto(url);
      await expect(executionRows(page).or(page.getByTestId('execution-status')).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    expect(errors).toEqual([]);
  });
});
