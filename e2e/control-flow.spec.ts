import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { block, canvas, connect, createWorkflow, dropBlock, expectSaved, selectBlock, typeInCodeEditor } from './helpers/editor';
import { startServer, stopServer, tempDataDir, type TestServer } from './helpers/server';

// Control flow in the editor: a for-each loop built with the mouse, with an HTTP call inside, run against a local
// HTTP server (the Weft server of this test allows private addresses, as a self-hosted one calling its LAN would).

const OWN_PORT = Number(process.env.E2E_PORT ?? 3100) + 50;
test.use({ viewport: { width: 1600, height: 1000 }, baseURL: `http://127.0.0.1:${OWN_PORT}` });
test.describe.configure({ timeout: 180_000 });

let weft: TestServer;
let target: http.Server;
let targetUrl = '';
const requested: string[] = [];

test.beforeAll(async () => {
  target = http.createServer((req, res) => {
    requested.push(req.url ?? '');
    const id = (req.url ?? '').split('/').pop();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, name: `thing ${id}` }));
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  weft = await startServer(OWN_PORT, tempDataDir());
});

test.afterAll(async () => {
  if (weft) await stopServer(weft);
  await new Promise((resolve) => target.close(resolve));
});

async function fillTemplate(page: Page, label: string, text: string) {
  const field = page.getByTestId('inspector').getByRole('combobox', { name: label });
  await field.fill(text);
  await page.keyboard.press('Escape');
  await expect(field).toHaveValue(text);
}

test('a for-each loop with an HTTP call inside, built by mouse, runs once per item of the input list', async ({ page }) => {
  await signUp(page, newPerson('Looper'));
  await createWorkflow(page, 'Fetch each thing');

  await dropBlock(page, 'input', { x: 120, y: 200 });
  await dropBlock(page, 'loop', { x: 420, y: 160 });
  // The HTTP block is dropped onto the loop's frame, so it goes inside the loop.
  const frame = (await block(page, 'loop_1').boundingBox())!;
  const origin = (await canvas(page).boundingBox())!;
  await dropBlock(page, 'http', { x: frame.x - origin.x + frame.width / 2, y: frame.y - origin.y + frame.height * 0.6 });
  const inner = (await block(page, 'http_1').boundingBox())!;
  const outer = (await block(page, 'loop_1').boundingBox())!;
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
  await dropBlock(page, 'output', { x: 900, y: 520 });
  await connect(page, 'handle-input_1-out', 'handle-loop_1-in');
  await connect(page, 'handle-loop_1-out', 'handle-output_1-in');

  // The input takes any JSON (no declared fields), so a list fits; the loop walks `input_1.ids`.
  await selectBlock(page, 'input_1');
  await page.getByTestId('inspector').getByRole('button', { name: /Remove input field/ }).click();
  await selectBlock(page, 'loop_1');
  await fillTemplate(page, 'Items', '{{input_1.ids}}');
  await selectBlock(page, 'http_1');
  await fillTemplate(page, 'URL', `${targetUrl}/things/{{loop.item}}`);
  await selectBlock(page, 'output_1');
  await fillTemplate(page, 'Value', '{{loop_1.results}}');
  await expect(block(page, 'loop_1')).toContainText('{{input_1.ids}}');
  await expectSaved(page);
  await expect(page.getByTestId('problem-count')).toHaveText('0');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run workflow' });
  await typeInCodeEditor(page, 'run-input-json', '{"ids": [7, 8, 9]}');
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();
  const panel = page.getByTestId('run-panel');
  await expect(panel.getByTestId('run-status')).toHaveText('Completed', { timeout: 30_000 });
  expect(requested).toEqual(['/things/7', '/things/8', '/things/9']);
  for (const id of ['input_1', 'loop_1', 'http_1', 'output_1']) await expect(block(page, id)).toHaveAttribute('data-status', 'success');

  // The loop's results hold one HTTP response per item, in order.
  for (const id of ['7', '8', '9']) await expect(panel.getByTestId('run-output')).toContainText(`thing ${id}`);
  await panel.getByTestId('run-step-loop_1').click();
  const details = panel.getByLabel('Step details');
  for (const id of ['7', '8', '9']) await expect(details).toContainText(`thing ${id}`);

  // The HTTP block ran three times; picking an iteration shows that one call's response.
  await panel.getByTestId('run-step-http_1').click();
  await details.getByLabel('Iteration').selectOption('1');
  await expect(details.getByTestId('run-step-output')).toContainText('thing 8');
  await expect(details.getByTestId('run-step-output')).not.toContainText('thing 9');
  await details.getByLabel('Iteration').selectOption('0');
  await expect(details.getByTestId('run-step-output')).toContainText('thing 7');

  // The execution's history shows the same: each iteration's own block log.
  await panel.getByRole('link', { name: /View execution/ }).click();
  const graph = page.getByTestId('execution-graph');
  await graph.getByTestId('graph-node-http_1').click();
  const blockPanel = page.getByTestId('block-panel');
  await expect(blockPanel).toHaveAttribute('data-block-id', 'http_1');
  await page.getByLabel('Iteration').selectOption('1');
  await expect(blockPanel.getByTestId('block-output')).toContainText('thing 8');
  await expect(blockPanel.getByTestId('block-input')).toContainText('/things/8');
  await page.getByLabel('Iteration').selectOption('2');
  await expect(blockPanel.getByTestId('block-output')).toContainText('thing 9');
});
