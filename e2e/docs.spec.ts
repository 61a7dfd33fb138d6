import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { createApiKey, openSettings, tableRow } from './helpers/settings';

// The API documentation as a person uses it: Scalar's reference with snippets and "try it" against this server, the
// guide, stream events and block configs, and nothing fetched from anywhere but this server.

/** Every request the page makes to another origin than this server's. */
function externalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') external.push(request.url());
  });
  return external;
}

test('the reference shows every operation with curl, JavaScript and Python, tries one with an API key, and loads nothing from elsewhere', async ({ page, request }) => {
  test.slow(); // signs up, creates a key, and loads the reference's large bundle
  const external = externalRequests(page);
  await signUp(page, newPerson('Docs'));
  await openSettings(page, 'API keys');
  const key = await createApiKey(page, 'docs', 'editor');

  await page.goto('/docs');
  const create = page.locator('[id="api-1/tag/workflows/POST/api/workflows"]');
  // The reference is a large bundle loaded after the page; give it time on a slow machine.
  await create.scrollIntoViewIfNeeded({ timeout: 30_000 });
  await expect(create.getByRole('heading', { name: 'Create a workflow' })).toBeVisible();
  await expect(create).toContainText('curl http://127.0.0.1');
  await expect(create).toContainText('Summarize support tickets');
  await expect(page.locator('[id="api-1/tag/settings/PUT/api/mcp-servers/{name}"]')).toContainText('credential');
  await expect(page.getByText('Ask AI')).toBeHidden();

  for (const [language, text] of [
    ['Node.js', "request('http://127.0.0.1"],
    ['Python', 'conn.request("POST", "/api/workflows"'],
  ] as const) {
    await page.getByRole('tab', { name: language, exact: true }).first().click();
    await expect(create.getByText(text).first()).toBeVisible();
  }

  await page.getByPlaceholder('Token').first().fill(key);
  await create.getByRole('button', { name: /Test Request/ }).click();
  // The client starts the body from the schema (`"name": ""`); write one as a person would.
  const body = page.getByText('Request Body', { exact: true }).last().locator('xpath=ancestor::section[1]').locator('.cm-content');
  await expect(body).toContainText('"name"');
  await body.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('{"name": "Tried from the docs"}');
  const answered = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/workflows');
  await page.getByRole('button', { name: /Send Request/ }).first().click();
  const answer = await answered;
  expect(answer.status()).toBe(201);
  expect(answer.request().headers().authorization).toBe(`Bearer ${key}`);

  const listed = await request.get('/api/workflows', { headers: { authorization: `Bearer ${key}` } });
  expect(((await listed.json()) as { workflows: { name: string }[] }).workflows.map((workflow) => workflow.name)).toContain('Tried from the docs');
  expect(external).toEqual([]);
});

test('the documentation has the getting-started guide, the stream events and every block type', async ({ page }) => {
  const external = externalRequests(page);
  await page.goto('/docs');
  const guide = page.locator('#getting-started');
  for (const step of ['Create a workflow', 'Give it a graph', 'Deploy it', 'Arm a webhook', 'Call it']) {
    await expect(guide.getByRole('heading', { name: new RegExp(step) })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'Stream events', level: 2 })).toBeVisible();
  await expect(page.locator('#stream-events').getByRole('heading', { name: 'ErrorEvent', exact: true, level: 3 })).toBeVisible();
  await expect(page.locator('#stream-events').getByText("EventSource's own connection-error event")).toBeVisible();
  await expect(page.getByRole('table', { name: 'Config of llm blocks' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Config of agent blocks' })).toContainText('mcp_servers');
  expect(external).toEqual([]);
});

test('an editor adds an MCP server for agents in Settings, with a credential by name', async ({ page }) => {
  await signUp(page, newPerson('Mcp'));
  await openSettings(page, 'Credentials');
  await page.getByLabel('Name').fill('ORDERS_TOKEN');
  await page.getByLabel('Value').fill('secret-orders-token');
  await page.getByRole('button', { name: 'Save credential' }).click();
  await expect(page.getByText('Saved ORDERS_TOKEN.')).toBeVisible();

  await openSettings(page, 'MCP servers');
  await expect(page.getByText('No MCP servers yet')).toBeVisible();
  await page.getByLabel('Name').fill('orders');
  await page.getByLabel('URL').fill('https://mcp.example.com/mcp');
  await page.getByLabel('Credential').selectOption('ORDERS_TOKEN');
  await page.getByRole('button', { name: 'Save MCP server' }).click();
  await expect(page.getByText('Saved orders.')).toBeVisible();
  await expect(tableRow(page, 'MCP servers', 'orders')).toContainText('https://mcp.example.com/mcp');
  await expect(tableRow(page, 'MCP servers', 'orders')).toContainText('ORDERS_TOKEN');
  await expect(page.getByText('secret-orders-token')).toHaveCount(0);

  await page.getByRole('button', { name: 'Delete orders' }).click();
  await page.getByRole('button', { name: 'Remove MCP server' }).click();
  await expect(page.getByText('No MCP servers yet')).toBeVisible();
});
