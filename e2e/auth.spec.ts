import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  authForm,
  fillAuthForm,
  newPerson,
  personalWorkspaceName,
  signInOnPage,
  signOut,
  signUp,
  submitAuthForm,
  workspaceSwitcher,
} from './helpers/auth';
import { createApiKey, createInvitation, openSettings, tableRow } from './helpers/settings';

async function callWithKey(request: APIRequestContext, path: string, key: string) {
  return request.get(path, { headers: { Authorization: `Bearer ${key}` } });
}

test('a new account lands in its own empty workspace, and an API key it creates works until it is revoked', async ({ page, request }) => {
  const ada = newPerson('Ada');
  await signUp(page, ada);

  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
  await expect(workspaceSwitcher(page)).toContainText(personalWorkspaceName(ada));
  await expect(workspaceSwitcher(page)).toContainText('Owner');

  await openSettings(page, 'API keys');
  await expect(page.getByText('No API keys yet')).toBeVisible();
  const key = await createApiKey(page, 'Nightly report script', 'editor');
  expect(key).toMatch(/^weft_[A-Za-z0-9_-]{20,}$/);

  const row = tableRow(page, 'API keys', 'Nightly report script');
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row).toContainText('Editor');
  await expect(row).toContainText('Never');
  // The full key is shown once only: the list holds just its first characters.
  await expect(page.getByText(key, { exact: true })).toHaveCount(0);

  const whoami = await callWithKey(request, '/api/trpc/account.whoami', key);
  expect(whoami.status()).toBe(200);
  expect((await whoami.json()).result.data.json).toMatchObject({ role: 'editor', via: 'api_key' });
  // The REST API answers the same key (soft: the rest of this test still runs if this route is missing).
  const workflows = await callWithKey(request, '/api/workflows', key);
  expect.soft(workflows.status()).toBe(200);
  if (workflows.status() === 200) expect.soft(await workflows.json()).toMatchObject({ workflows: [], total: 0 });

  await page.reload();
  await expect(row).not.toContainText('Never');

  await row.getByRole('button', { name: 'Revoke “Nightly report script”' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke “Nightly report script”?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Revoke API key' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);

  expect((await callWithKey(request, '/api/trpc/account.whoami', key)).status()).toBe(401);
  expect.soft((await callWithKey(request, '/api/workflows', key)).status()).toBe(401);
});

test('Escape while a key is being created does not lose it: the dialog stays until the key is shown', async ({ page }) => {
  await signUp(page, newPerson('Esc'));
  await openSettings(page, 'API keys');
  // Hold the create's answer, so the Escape lands while it runs.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/trpc/apiKeys.create**', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Impatient');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  release();
  const shown = page.getByRole('dialog', { name: 'Copy the new API key' });
  await expect(shown.getByTestId('new-api-key')).toContainText('weft_');
});

test('an owner invites a viewer by link, the link works once, and a role change shows on the member’s next page load', async ({ page, browser }) => {
  test.slow(); // two sign-ups (password hashing) and three browser contexts: near the default limit on a loaded machine
  const olive = newPerson('Olive');
  await signUp(page, olive);
  await openSettings(page, 'Members');
  await expect(tableRow(page, 'Members', olive.email)).toContainText('You');
  await expect(page.getByText('No pending invitations')).toBeVisible();

  const link = await createInvitation(page, 'viewer');
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('table', { name: 'Invitations' })).toContainText('Viewer');

  // Vic has no account yet: he opens the link in his own browser and signs up there, which accepts it (one click).
  const vicContext = await browser.newContext();
  const vicPage = await vicContext.newPage();
  const vic = newPerson('Vic');
  await vicPage.goto(link);
  await expect(vicPage.getByRole('heading', { name: `Join ${personalWorkspaceName(olive)}`, level: 1 })).toBeVisible();
  await expect(vicPage.getByText(/as viewer/)).toBeVisible();
  await fillAuthForm(vicPage, 'sign-up', vic);
  await submitAuthForm(vicPage, 'sign-up');
  await expect(vicPage).toHaveURL(/\/workflows$/);
  await expect(workspaceSwitcher(vicPage)).toContainText(personalWorkspaceName(olive));
  await expect(workspaceSwitcher(vicPage)).toContainText('Viewer');
  // His own workspace is still one click away.
  await workspaceSwitcher(vicPage).click();
  await expect(vicPage.getByRole('menuitemradio', { name: new RegExp(personalWorkspaceName(vic)) })).toBeVisible();
  await expect(vicPage.getByRole('menuitemradio', { name: new RegExp(personalWorkspaceName(olive)) })).toHaveAttribute('aria-checked', 'true');
  await vicPage.keyboard.press('Escape');
  await expect(vicPage.getByRole('menu')).toHaveCount(0);

  // As a viewer he reads members and credentials, and is told what he cannot do.
  await openSettings(vicPage, 'Members');
  await expect(tableRow(vicPage, 'Members', olive.email)).toContainText('Owner');
  await expect(vicPage.getByText('Only owners can change roles, remove members or invite people.')).toBeVisible();
  await expect(vicPage.getByRole('combobox')).toHaveCount(0);
  await expect(vicPage.getByRole('button', { name: 'Create invitation link' })).toHaveCount(0);
  await vicPage.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
  await expect(vicPage.getByText('Only workspace owners can manage API keys')).toBeVisible();
  await vicPage.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Credentials' }).click();
  await expect(vicPage.getByText(/only editors and owners can add, replace or delete them/)).toBeVisible();
  await expect(vicPage.getByRole('form', { name: 'Add or replace a credential' })).toHaveCount(0);

  // The link is spent: a third person is told so.
  const thirdContext = await browser.newContext();
  const thirdPage = await thirdContext.newPage();
  await thirdPage.goto(link);
  await expect(thirdPage.getByRole('heading', { name: 'This invitation cannot be used' })).toBeVisible();
  await expect(thirdPage.getByText('This invitation has already been used.')).toBeVisible();
  await expect(authForm(thirdPage, 'sign-up')).toHaveCount(0);
  await thirdContext.close();

  // Olive sees Vic as a viewer, no pending invitation, and makes him an editor.
  await page.reload();
  const vicRow = tableRow(page, 'Members', vic.email);
  const roleSelect = vicRow.getByRole('combobox', { name: `Role of ${vic.name}` });
  await expect(roleSelect).toHaveValue('viewer');
  await expect(page.getByText('No pending invitations')).toBeVisible();
  await roleSelect.selectOption('editor');
  await expect(vicRow.getByText('Saving…')).toHaveCount(0);
  await page.reload();
  await expect(tableRow(page, 'Members', vic.email).getByRole('combobox', { name: `Role of ${vic.name}` })).toHaveValue('editor');

  await vicPage.reload();
  await expect(workspaceSwitcher(vicPage)).toContainText('Editor');
  await expect(vicPage.getByRole('form', { name: 'Add or replace a credential' })).toBeVisible();
  await vicContext.close();
});

test('an owner renames their workspace, creates another, switches between them, and cannot demote the last owner', async ({ page }) => {
  const rue = newPerson('Rue');
  await signUp(page, rue);
  await openSettings(page, 'General');
  const renamed = `Rue's automations ${Date.now()}`;
  await page.getByLabel('Name').fill(renamed);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Workspace renamed.')).toBeVisible();
  await expect(workspaceSwitcher(page)).toContainText(renamed);

  // A second workspace, made from the switcher with the keyboard.
  await workspaceSwitcher(page).focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'New workspace…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await expect(dialog.getByLabel('Workspace name')).toBeFocused();
  await page.keyboard.type('Side project');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(workspaceSwitcher(page)).toContainText('Side project');
  await expect(workspaceSwitcher(page)).toContainText('Owner');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Side project');

  await workspaceSwitcher(page).click();
  await page.getByRole('menuitemradio', { name: new RegExp(renamed) }).click();
  await expect(workspaceSwitcher(page)).toContainText(renamed);
  await expect(page.getByLabel('Name')).toHaveValue(renamed);

  // The only owner cannot make themself an editor; the server's reason is shown.
  await openSettings(page, 'Members');
  await tableRow(page, 'Members', rue.email).getByRole('combobox', { name: `Role of ${rue.name}` }).selectOption('editor');
  const confirm = page.getByRole('dialog', { name: 'Make yourself editor?' });
  await confirm.getByRole('button', { name: 'Change my role' }).click();
  await expect(confirm.getByRole('alert')).toContainText('A workspace needs at least one owner');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(tableRow(page, 'Members', rue.email).getByRole('combobox', { name: `Role of ${rue.name}` })).toHaveValue('owner');
  await expect(workspaceSwitcher(page)).toContainText('Owner');
});

test('credentials are write-only: names and times are listed, values never come back', async ({ page }) => {
  const cy = newPerson('Cy');
  await signUp(page, cy);
  await openSettings(page, 'Credentials');
  await expect(page.getByText('No credentials yet')).toBeVisible();

  const form = page.getByRole('form', { name: 'Add or replace a credential' });
  await form.getByLabel('Name').fill('openai key');
  await form.getByLabel('Value', { exact: true }).fill('sk-first-value');
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form.getByText(/Use letters, digits and underscores/)).toBeVisible();

  await form.getByLabel('Name').fill('OPENAI_API_KEY');
  // Too short to be kept out of run logs: refused before it is sent.
  await form.getByLabel('Value', { exact: true }).fill('sk-1 ');
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form.getByText(/Use at least 6 characters/)).toBeVisible();
  await expect(form.getByLabel('Value', { exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('-first-value');
  await form.getByRole('button', { name: 'Save credential' }).click();
  await expect(form.getByText('Saved OPENAI_API_KEY.')).toBeVisible();
  await expect(tableRow(page, 'Credentials', 'OPENAI_API_KEY')).toContainText('just now');
  await expect(form.getByLabel('Value', { exact: true })).toHaveValue('');
  await page.reload();
  await expect(page.getByText('sk-1 -first-value')).toHaveCount(0);

  await tableRow(page, 'Credentials', 'OPENAI_API_KEY').getByRole('button', { name: 'Replace OPENAI_API_KEY' }).click();
  await expect(form.getByLabel('Name')).toHaveValue('OPENAI_API_KEY');
  await expect(form.getByLabel('Value', { exact: true })).toBeFocused();
  await page.keyboard.type('sk-second-value');
  await form.getByRole('button', { name: 'Replace value' }).click();
  await expect(form.getByText('Replaced the value of OPENAI_API_KEY.')).toBeVisible();

  await tableRow(page, 'Credentials', 'OPENAI_API_KEY').getByRole('button', { name: 'Delete OPENAI_API_KEY' }).click();
  await page.getByRole('dialog', { name: 'Delete OPENAI_API_KEY?' }).getByRole('button', { name: 'Delete credential' }).click();
  await expect(page.getByText('No credentials yet')).toBeVisible();
});

test('a signed-out visit to settings goes to sign-in and comes back after signing in', async ({ page }) => {
  const sam = newPerson('Sam');
  await signUp(page, sam);
  // Signing out with the keyboard: the account menu opens on its first item and arrows move through it.
  await page.getByRole('button', { name: `Account menu for ${sam.name}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toContainText(sam.email);
  await expect(page.getByRole('menuitem', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sign-in$/);

  const response = await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
  expect(response?.ok()).toBe(true);
  await expect(page.getByRole('heading', { name: 'Sign in to Weft' })).toBeVisible();

  await signInOnPage(page, sam);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue(personalWorkspaceName(sam));
});

test('sign-in and sign-up explain what went wrong', async ({ page }) => {
  const wes = newPerson('Wes');
  await signUp(page, wes);
  await signOut(page);

  await signInOnPage(page, { email: wes.email, password: 'not-the-password' });
  await expect(authForm(page, 'sign-in').getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto('/sign-up');
  await fillAuthForm(page, 'sign-up', { name: 'Short Pass', email: `short-${Date.now()}@example.test`, password: 'abc' });
  await authForm(page, 'sign-up').getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();

  await fillAuthForm(page, 'sign-up', { name: 'Someone Else', email: wes.email, password: 'long-enough-password' });
  await submitAuthForm(page, 'sign-up');
  await expect(authForm(page, 'sign-up').getByRole('alert')).toContainText('An account with this email already exists');
  await expect(page).toHaveURL(/\/sign-up$/);
});

test('the server believes its connection, not forwarding headers a client makes up', async ({ request, baseURL }) => {
  const person = newPerson('Forger');
  // Over plain HTTP a claimed `X-Forwarded-Proto: https` must not earn a Secure cookie the browser would then drop.
  const signedUp = await request.post('/api/auth/sign-up/email', {
    headers: { origin: baseURL!, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' },
    data: { name: person.name, email: person.email, password: person.password },
  });
  expect(signedUp.status()).toBe(200);
  const cookie = signedUp.headers()['set-cookie'] ?? '';
  expect(cookie).toMatch(/^better-auth\.session_token=/m);
  expect(cookie).not.toMatch(/__Secure-|;\s*Secure/i);

  // Guessing the password from ever new "addresses" still locks the account after five tries.
  const guess = (i: number) =>
    request.post('/api/auth/sign-in/email', {
      headers: { origin: baseURL!, 'x-forwarded-for': `203.0.113.${i}` },
      data: { email: person.email, password: `guess-${i}` },
    });
  for (let i = 0; i < 5; i++) expect((await guess(i)).status()).toBe(401);
  const locked = await guess(5);
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
});
