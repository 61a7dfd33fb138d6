import { expect, type Locator, type Page } from '@playwright/test';

export interface Person {
  name: string;
  email: string;
  password: string;
}

let counter = 0;

/** A person nobody has signed up as yet: a unique email per call, so tests never see each other's accounts. */
export function newPerson(firstName: string): Person {
  const id = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name: `${firstName} ${id.slice(-4).toUpperCase()}`, email: `${firstName.toLowerCase()}-${id}@example.test`, password: `pw-${id}-secret` };
}

/** The sign-in or sign-up form on the page (also the one embedded in the invitation page). */
export function authForm(page: Page, mode: 'sign-in' | 'sign-up'): Locator {
  return page.getByRole('form', { name: mode === 'sign-up' ? 'Create account' : 'Sign in' });
}

export async function fillAuthForm(page: Page, mode: 'sign-in' | 'sign-up', person: Pick<Person, 'email' | 'password'> & { name?: string }) {
  const form = authForm(page, mode);
  if (mode === 'sign-up') await form.getByLabel('Name').fill(person.name ?? '');
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Password', { exact: true }).fill(person.password);
}

/**
 * Submits the form as a person would, by pressing its button, and waits for the answer: the page moving on, or a
 * message on the form. better-auth allows only a few sign-ins and sign-ups per 10 seconds from one address, and
 * every test browser shares 127.0.0.1, so when the form says "Too many attempts" this waits and tries again,
 * exactly as the message asks a person to.
 */
export async function submitAuthForm(page: Page, mode: 'sign-in' | 'sign-up') {
  const form = authForm(page, mode);
  const button = form.getByRole('button', { name: mode === 'sign-up' ? 'Create account' : 'Sign in', exact: true });
  for (let attempt = 1; attempt <= 8; attempt++) {
    const navigated = page
      .waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 20_000 })
      .then(() => 'navigated' as const, () => 'timeout' as const);
    await button.click();
    const alert = form.getByRole('alert');
    const answered = alert.waitFor({ timeout: 20_000 }).then(() => 'alert' as const, () => 'timeout' as const);
    const outcome = await Promise.race([navigated, answered]);
    if (outcome === 'navigated') {
      await page.waitForLoadState();
      return;
    }
    if (outcome === 'timeout') throw new Error(`the ${mode} form gave no answer within 20 s`);
    if (!/too many attempts/i.test((await alert.textContent()) ?? '')) return;
    await page.waitForTimeout(4_000);
  }
  throw new Error(`the ${mode} form stayed rate-limited`);
}

/** Signs up through the sign-up page and waits to land where it leads (`/workflows` unless `next` says otherwise). */
export async function signUp(page: Page, person: Person, { next }: { next?: string } = {}) {
  await page.goto(next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up');
  await fillAuthForm(page, 'sign-up', person);
  await submitAuthForm(page, 'sign-up');
  await expect(page).toHaveURL(next ?? '/workflows');
}

/** Fills and submits the sign-in form already on the page. */
export async function signInOnPage(page: Page, person: Pick<Person, 'email' | 'password'>) {
  await fillAuthForm(page, 'sign-in', person);
  await submitAuthForm(page, 'sign-in');
}

/** Signs out through the header's account menu. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('link', { name: 'Sign up' })).toBeVisible();
}

/** The header's workspace menu button: it shows the current workspace's name and the person's role there. */
export function workspaceSwitcher(page: Page): Locator {
  return page.getByTestId('workspace-switcher').getByRole('button', { name: /^Workspace: / });
}

export function personalWorkspaceName(person: Person): string {
  return `${person.name}'s workspace`;
}
