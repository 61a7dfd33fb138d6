import { resetEnvForTests } from '../env';

// Tests that change a server setting: each change is read again at once, as a restart with it would.

/** Sets an environment variable the server reads its settings from. */
export function setEnv(name: string, value: string): void {
  process.env[name] = value;
  resetEnvForTests();
}

/** Removes variables a test set (in its afterEach or afterAll), back to the settings without them. */
export function unsetEnv(...names: string[]): void {
  for (const name of names) delete process.env[name];
  resetEnvForTests();
}
