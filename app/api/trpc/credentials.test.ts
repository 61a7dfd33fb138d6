import { beforeAll, describe, expect, it } from 'vitest';
import * as trpcRoute from './[trpc]/route';
import { setupTestDatabase } from '@/server/test/database';
import { createTestWorkspace, type TestWorkspace } from '@/server/test/fixtures';
import { listCredentials } from '@/server/services/credentials';

// Setting a credential through the door the settings page uses (tRPC over HTTP). Values too short to be redacted
// from what executions record are refused, so no stored secret can show up in a log.

setupTestDatabase();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace('Credentials');
});

async function setCredential(name: string, value: string) {
  const response = await trpcRoute.POST(
    new Request('http://weft.test/api/trpc/credentials.set', {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.keys.editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ json: { name, value } }),
    }),
  );
  // superjson's envelope, as the browser client reads it
  const body = (await response.json()) as { error?: { json: { message: string; data: { weftCode: string } } } };
  return { status: response.status, error: body.error?.json };
}

describe('setting a credential', () => {
  it('refuses a value shorter than 6 characters, spaces at either end not counted, with a validation_error that says why', async () => {
    for (const value of ['12345', '  abcd  ', '\tyes1\n']) {
      const { status, error } = await setCredential('SHORT_PIN', value);
      expect(status, JSON.stringify(value)).toBe(400);
      expect(error?.data.weftCode).toBe('validation_error');
      expect(error?.message).toContain('at least 6 characters');
    }
    expect(await listCredentials(ws.owner)).toEqual([]);
  });

  it('stores a value of 6 characters or more', async () => {
    expect((await setCredential('SIX_PIN', '123456')).status).toBe(200);
    expect((await listCredentials(ws.owner)).map((credential) => credential.name)).toEqual(['SIX_PIN']);
  });
});
