import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Locator, type Page } from '@playwright/test';
import { at, chain, codeBlock, inputBlock, outputBlock, type TestGraph } from './executions';

// Deploying from the editor's Deploy panel, arming webhooks there, calling them the way the panel tells people to,
// and the Versions panel.

const run = promisify(execFile);

/** input → code (upper-cases `text`) → output (`{{code.shout}}`): a webhook called with `{"text":"hello"}` answers "HELLO". */
export function shoutGraph(code = 'return { shout: input.text.toUpperCase() };'): TestGraph {
  return chain(inputBlock(at(0, 0)), codeBlock('code', code, at(320, 0)), outputBlock(at(640, 0), '{{code.shout}}'));
}

export function deployPanel(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Deploy' });
}

export async function openDeployPanel(page: Page): Promise<Locator> {
  await page.getByTestId('workflow-editor').getByRole('button', { name: 'Deploy', exact: true }).first().click();
  const panel = deployPanel(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Status' })).toBeVisible();
  return panel;
}

export async function closeDeployPanel(page: Page) {
  await deployPanel(page).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(deployPanel(page)).toBeHidden();
}

/** Opens the Deploy panel, deploys, and returns the version number the panel reports (the panel stays open). */
export async function deployFromEditor(page: Page): Promise<{ panel: Locator; version: number }> {
  const panel = await openDeployPanel(page);
  await panel.getByRole('button', { name: 'Deploy', exact: true }).click();
  const status = panel.getByText(/Deployed · version \d+/);
  await expect(status).toBeVisible({ timeout: 15_000 });
  const version = Number(/version (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
  expect(version).toBeGreaterThan(0);
  return { panel, version };
}

export interface ArmedWebhook {
  url: string;
  secret: string;
  /** The curl call the panel shows (the default tab). */
  snippet: string;
}

/** Arms a webhook in the open Deploy panel and reads what it shows once: URL, secret, the curl call. */
export async function armWebhook(panel: Locator): Promise<ArmedWebhook> {
  await panel.getByRole('button', { name: /^Arm (a new )?webhook$/ }).click();
  const secret = panel.getByTestId('webhook-secret');
  await expect(secret).toContainText('whsec_');
  await expect(panel.getByRole('tab', { name: 'curl', exact: true })).toHaveAttribute('aria-selected', 'true');
  return {
    url: ((await panel.getByTestId('webhook-url').textContent()) ?? '').trim(),
    secret: ((await secret.textContent()) ?? '').trim(),
    snippet: (await panel.getByTestId('webhook-snippet').textContent()) ?? '',
  };
}

/** Presses the panel's "Copy example call" button and returns what landed on the clipboard. */
export async function copyExampleCall(page: Page, panel: Locator): Promise<string> {
  await panel.getByRole('button', { name: 'Copy example call' }).click();
  await expect(panel.getByRole('button', { name: 'Copy example call' })).toHaveText('Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Runs a curl command as a person pastes it into a shell; returns the HTTP status and the parsed JSON answer. */
export async function runCurl(command: string): Promise<{ status: number; body: Record<string, unknown> }> {
  expect(command.startsWith('curl ')).toBe(true);
  const { stdout } = await run('bash', ['-c', `${command} \\\n  --silent --show-error --max-time 60 --write-out '\\n%{http_code}'`], { timeout: 70_000 });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut)) as Record<string, unknown> };
}

/** The editor's Versions panel (opened by the top bar's Versions button). */
export async function openVersions(page: Page): Promise<Locator> {
  const panel = page.getByTestId('versions-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Versions', exact: true }).click();
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Versions' })).toBeVisible();
  return panel;
}

export async function closeVersions(page: Page) {
  await page.getByTestId('versions-panel').getByRole('button', { name: 'Close versions' }).click();
  await expect(page.getByTestId('versions-panel')).toBeHidden();
}

/** A block drawn on the version canvas (the read-only view or the comparison). */
export function versionBlock(page: Page, id: string): Locator {
  return page.getByTestId('version-canvas').getByTestId(`version-block-${id}`);
}

/** The workflow as the server has it now (`workflows.get` over HTTP with the page's session). */
export async function fetchWorkflow(page: Page, id: string): Promise<{ version: number; blocks: { id: string; config: Record<string, unknown> }[] }> {
  const input = encodeURIComponent(JSON.stringify({ json: { id } }));
  const response = await page.request.get(`/api/trpc/workflows.get?input=${input}`);
  expect(response.ok()).toBe(true);
  return (await response.json()).result.data.json;
}
