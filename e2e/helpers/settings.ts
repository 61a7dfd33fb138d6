import { expect, type Locator, type Page } from '@playwright/test';

export type Role = 'owner' | 'editor' | 'viewer';
const LABEL: Record<Role, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

/** Opens a settings tab the way a person does: Settings in the header, then the tab. */
export async function openSettings(page: Page, tab: 'General' | 'Members' | 'API keys' | 'Credentials' | 'MCP servers') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: tab }).click();
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
}

/** On Settings → API keys: creates a key and returns it as the one-time dialog shows it. */
export async function createApiKey(page: Page, name: string, role: Role): Promise<string> {
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Role').selectOption({ label: LABEL[role] });
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByRole('dialog', { name: 'Copy the new API key' });
  await expect(shown.getByText('This is the only time the key is shown')).toBeVisible();
  const key = (await shown.getByTestId('new-api-key').textContent())?.trim() ?? '';
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toBeHidden();
  return key;
}

/** A row of a settings table, found by text only that row has (a name or an email). */
export function tableRow(page: Page, table: string, text: string): Locator {
  return page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

/** On Settings → Members: creates an invitation link and returns it as shown (an absolute URL). */
export async function createInvitation(page: Page, role: Role, expires: '1 day' | '7 days' | '30 days' = '7 days'): Promise<string> {
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create invitation link' });
  await dialog.getByLabel('Role').selectOption({ label: LABEL[role] });
  await dialog.getByLabel('Link expires after').selectOption({ label: expires });
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const shown = page.getByRole('dialog', { name: 'Copy the new invitation link' });
  const link = (await shown.getByTestId('invite-link').textContent())?.trim() ?? '';
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toBeHidden();
  return link;
}
