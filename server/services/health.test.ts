import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '../db';
import { setupTestDatabase } from '../test/database';
import { setStartupState } from '../startup-state';
import { checkHealth } from './health';
import { setEnv, unsetEnv } from '@/server/test/env';

describe('health', () => {
  describe('with a reachable database', () => {
    const database = setupTestDatabase();

    it('is ok and names the database it runs on', async () => {
      expect(await checkHealth()).toEqual({ status: 'ok', database: database().kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    });

    it('says starting until migrations, the bootstrap key and recovery are done', async () => {
      setStartupState('starting');
      try {
        expect(await checkHealth()).toMatchObject({ status: 'starting' });
      } finally {
        setStartupState('ready');
      }
      expect(await checkHealth()).toMatchObject({ status: 'ok' });
    });
  });

  describe('when PostgreSQL cannot be reached', () => {
    afterEach(async () => {
      unsetEnv('DATABASE_URL');
      await closeDatabase();
    });

    it('is unavailable with the reason, and tries again on the next check', async () => {
      setEnv('DATABASE_URL', 'postgresql://postgres@127.0.0.1:1/nothing');
      const health = await checkHealth();
      expect(health).toMatchObject({ status: 'unavailable', database: 'postgres' });
      expect(health.reason).toMatch(/^database unreachable: /);
      // A second check tries again instead of answering from a cached failed connection.
      expect((await checkHealth()).status).toBe('unavailable');
    });
  });
});
