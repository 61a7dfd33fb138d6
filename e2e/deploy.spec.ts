import { expect, test } from '@playwright/test';
import { screenshotPath } from './helpers/artifacts';
import { newPerson, signUp } from './helpers/auth';
import {
  armWebhook,
  closeDeployPanel,
  closeVersions,
  copyExampleCall,
  deployFromEditor,
  fetchWorkflow,
  openDeployPanel,
  openVersions,
  runCurl,
  shoutGraph,
  versionBlock,
} from './helpers/deploy';
import { block, codeEditorText, configureEditorSpec, dropBlock, expectSaved, openEditor, selectBlock, typeInCodeEditor, waitForEditor } from './helpers/editor';
import { createWorkflow } from './helpers/executions';

// Deploying from the editor, a single-use webhook called with the curl line the panel shows, and the versions a
// deploy leaves behind: viewed read-only, compared with the draft on the canvas, restored into the draft (which stays
// editable while a version is deployed).

configureEditorSpec();

test('deploy, arm a webhook, call it with the curl shown; the call runs once and a second one is refused', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page, newPerson('Hooker'));
  const workflowId = await createWorkflow(page, 'Shouter', shoutGraph());
  await openEditor(page, workflowId);
  await expect(page.getByTestId('problem-count')).toHaveText('0');

  const { panel } = await deployFromEditor(page);
  const armed = await armWebhook(panel);
  expect(armed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/webhooks\/[0-9a-f-]{36}$/);
  expect(armed.snippet).toContain(`Authorization: Bearer ${armed.secret}`);

  // The example call, copied with its button, is what the panel shows; pasted into a shell it runs the workflow.
  const copied = await copyExampleCall(page, panel);
  expect(copied).toBe(armed.snippet);
  const first = await runCurl(copied);
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  expect(first.body).toMatchObject({ status: 'completed', output: 'HELLO' });
  const executionId = first.body.execution_id as string;
  expect(executionId).toBeTruthy();

  // Single use: the same secret again is refused, and nothing runs.
  const second = await page.request.post(armed.url, { headers: { Authorization: `Bearer ${armed.secret}` }, data: { text: 'again' } });
  expect(second.status()).toBe(403);
  expect(await second.json()).toMatchObject({ code: 'webhook_not_active' });

  // Both calls are on the panel, newest first: refused (already consumed), then accepted with its execution.
  await closeDeployPanel(page);
  const reopened = await openDeployPanel(page);
  await expect(reopened.getByText('Used', { exact: true })).toBeVisible();
  const attempts = reopened.getByTestId('webhook-attempt');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toHaveAttribute('data-accepted', 'false');
  await expect(attempts.nth(0)).toContainText('Refused · already consumed');
  await expect(attempts.nth(1)).toHaveAttribute('data-accepted', 'true');
  await expect(attempts.nth(1)).toContainText('Accepted · authenticated by bearer');
  await expect(attempts.nth(1).getByRole('link', { name: 'execution' })).toHaveAttribute('href', `/workflows/${workflowId}/executions/${executionId}`);
  await page.screenshot({ path: screenshotPath('deploy-webhook-calls.png') });
  await closeDeployPanel(page);

  // The history page lists the one run, triggered by the webhook.
  await page.goto(`/workflows/${workflowId}/executions`);
  const rows = page.getByRole('table', { name: 'Executions' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toHaveAttribute('data-execution-id', executionId);
  await expect(row).toHaveAttribute('data-status', 'completed');
  await expect(row.locator('td').nth(2)).toHaveText('Webhook');
  await page.goto(`/workflows/${workflowId}/executions?trigger=webhook`);
  await expect(page.getByRole('table', { name: 'Executions' }).locator(`tbody tr[data-execution-id="${executionId}"]`)).toBeVisible();
});

test('versions: view one read-only, compare it with the edited draft on the canvas, restore it', async ({ page }) => {
  await signUp(page, newPerson('Versioner'));
  const original = 'return { shout: input.text.toUpperCase() };';
  const edited = 'return { shout: input.text.toLowerCase() };';
  const workflowId = await createWorkflow(page, 'Versioned shouter', shoutGraph(original));
  await openEditor(page, workflowId);

  const { version } = await deployFromEditor(page);
  await closeDeployPanel(page);

  // The version is listed as the deployed one; the draft stays editable and restorable while it runs.
  let versions = await openVersions(page);
  const row = versions.getByTestId(`version-${version}`);
  await expect(row).toContainText(`Version ${version}`);
  await expect(row).toContainText('Deployed');
  await expect(row).toContainText('3 blocks');
  await expect(row.getByRole('button', { name: `Restore version ${version}` })).toBeEnabled();
  await closeVersions(page);

  // Edit the draft while deployed: new code, one block more, one block fewer.
  await selectBlock(page, 'code');
  await typeInCodeEditor(page, 'code-code', edited);
  await expect(block(page, 'code')).toContainText(edited);
  await dropBlock(page, 'code', { x: 700, y: 520 });
  await selectBlock(page, 'output');
  await page.getByTestId('inspector').getByRole('button', { name: 'Delete block' }).click();
  await expect(block(page, 'output')).toHaveCount(0);
  await expectSaved(page);

  // Viewing the version: read-only, with its own code, and a way back.
  versions = await openVersions(page);
  await versions.getByRole('button', { name: `View version ${version}` }).click();
  await expect(page.getByTestId('version-banner')).toContainText(`Viewing version ${version} — read-only`);
  await expect(page.getByTestId('version-canvas')).toHaveAttribute('data-mode', 'view');
  await expect(versionBlock(page, 'code')).toContainText(original);
  await expect(versionBlock(page, 'output')).toBeVisible();
  await expect(versionBlock(page, 'code_1')).toHaveCount(0);
  await expect(page.getByTestId('palette-code')).toBeDisabled();
  await page.screenshot({ path: screenshotPath('versions-view.png') });
  await versionBlock(page, 'code').click();
  await expect(versions.getByTestId('version-block-details')).toContainText('toUpperCase');
  await page.getByTestId('version-banner').getByRole('button', { name: 'Back to draft' }).click();
  await expect(page.getByTestId('version-banner')).toBeHidden();
  await expect(page.getByTestId('version-canvas')).toHaveCount(0);
  await expect(block(page, 'code')).toContainText(edited);

  // Comparing: the changed block amber with its changed field listed, the new one green, the removed one ghosted.
  await versions.getByRole('button', { name: `Compare version ${version} with the draft` }).click();
  await expect(page.getByTestId('version-banner')).toContainText(`Comparing version ${version} with the draft`);
  await expect(versionBlock(page, 'code')).toHaveAttribute('data-change', 'changed');
  await expect(versionBlock(page, 'code_1')).toHaveAttribute('data-change', 'added');
  await expect(versionBlock(page, 'output')).toHaveAttribute('data-change', 'removed');
  await expect(versionBlock(page, 'input')).toHaveAttribute('data-change', 'unchanged');
  const legend = page.getByTestId('diff-legend');
  await expect(legend.getByTestId('legend-changed')).toHaveAttribute('data-count', '1');
  await expect(legend.getByTestId('legend-added')).toHaveAttribute('data-count', '1');
  await expect(legend.getByTestId('legend-removed')).toHaveAttribute('data-count', '1');
  const changed = versions.getByTestId('diff-block-code');
  await expect(changed).toHaveAttribute('data-change', 'changed');
  const field = changed.getByTestId('diff-field');
  await expect(field).toHaveCount(1);
  await expect(field).toHaveAttribute('data-path', 'config.code');
  await expect(field.getByTestId('diff-before')).toHaveText(JSON.stringify(original));
  await expect(field.getByTestId('diff-after')).toHaveText(JSON.stringify(edited));
  await expect(versions.getByTestId('diff-block-code_1')).toHaveAttribute('data-change', 'added');
  await expect(versions.getByTestId('diff-block-output')).toHaveAttribute('data-change', 'removed');
  await expect(versions.getByRole('list', { name: 'Changed edges' })).toContainText('code → output');
  await page.screenshot({ path: screenshotPath('versions-compare.png') });

  // Restoring the version replaces the draft: its code is back, the added block gone, the removed one back.
  await versions.getByRole('button', { name: `Restore version ${version}` }).click();
  const confirm = page.getByRole('dialog', { name: `Restore version ${version}?` });
  await confirm.getByRole('button', { name: `Restore version ${version}` }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('editor-notice')).toHaveText(`Restored version ${version} into the draft.`);
  await expect(page.getByTestId('version-banner')).toBeHidden();
  await expect(block(page, 'code')).toContainText(original);
  await expect(block(page, 'output')).toBeVisible();
  await expect(block(page, 'code_1')).toHaveCount(0);
  await expect(page.getByTestId('problem-count')).toHaveText('0');
  await expectSaved(page);
  const stored = await fetchWorkflow(page, workflowId);
  expect(stored.blocks.find((candidate) => candidate.id === 'code')?.config.code).toBe(original);
  expect(stored.blocks.map((candidate) => candidate.id).sort()).toEqual(['code', 'input', 'output']);

  // The draft now matches the version, and survives a reload.
  await versions.getByRole('button', { name: `Compare version ${version} with the draft` }).click();
  await expect(versions.getByTestId('diff-summary')).toHaveText('The draft is the same as this version.');
  await page.reload();
  await waitForEditor(page);
  await selectBlock(page, 'code');
  await expect.poll(() => codeEditorText(page, 'code-code')).toBe(original);
});
