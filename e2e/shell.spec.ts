import { expect, test } from '@playwright/test';
import { once } from 'node:events';
import { connect } from 'node:net';
import { newPerson, signUp } from './helpers/auth';

test('a signed-out visitor is sent to sign in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in(\?next=%2Fworkflows)?$/);
});

test('the app opens on the workflows page with its header', async ({ page }) => {
  await signUp(page, newPerson('Shell'));
  await page.goto('/');
  await expect(page).toHaveURL(/\/workflows$/);
  await expect(page.getByRole('link', { name: 'Weft home' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
  // The header reports the embedded database once the server has opened it.
  await expect(page.getByText('embedded database', { exact: true })).toBeVisible();
});

test('an unknown page shows the 404 page with a way back', async ({ page }) => {
  await signUp(page, newPerson('Lost'));
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to workflows' }).click();
  await expect(page).toHaveURL(/\/workflows$/);
});

test('health answers ok on the embedded database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: 'pglite', version: expect.any(String) });
});

test('an unknown API path answers the contract error body, not an HTML page', async ({ request }) => {
  const response = await request.get('/api/no-such-route');
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ error: expect.any(String), code: 'not_found' });
});

test('a connection left idle longer than a proxy pauses is still answered on reuse, not reset', async ({ baseURL }) => {
  const { hostname, port } = new URL(baseURL!);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  const ask = async () => {
    const before = received.length;
    socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: keep-alive\r\n\r\n`);
    await expect.poll(() => received.slice(before)).toMatch(/\r\n\r\n[\s\S]*"status":"ok"/);
    return received.slice(before);
  };
  expect(await ask()).toMatch(/^HTTP\/1\.1 200[\s\S]*keep-alive: timeout=65/i);
  // Longer than Node's default of 5 s, after which the server would have closed this connection.
  await new Promise((resolve) => setTimeout(resolve, 6_500));
  expect(await ask()).toMatch(/^HTTP\/1\.1 200/);
  socket.end();
});
