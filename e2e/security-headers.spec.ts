import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { createWorkflow } from './helpers/editor';

/** Everything the browser reports as blocked by the Content Security Policy while `page` is open. */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('pages and API answers carry the security headers, and the app runs under its policy', async ({ page, request }) => {
  const violations = collectCspViolations(page);
  const signIn = await page.goto('/sign-in');
  const headers = signIn!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');

  await signUp(page, newPerson('Csp'));
  await createWorkflow(page, 'Under policy');
  await page.goto('/docs');
  await page.waitForLoadState('load');
  expect(violations).toEqual([]);

  const api = await request.get('/api/health');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('a path with a percent-escape that is not UTF-8 answers the JSON error, not a plain-text 500', async ({ request }) => {
  for (const path of ['/api/workflows/%FF', '/api/%FF/x', '/api/workflows/%00']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'validation_error' });
  }
});
