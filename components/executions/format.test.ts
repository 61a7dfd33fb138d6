import { describe, expect, it } from 'vitest';
import { versionLabel } from './format';

describe('the Version label of an execution', () => {
  it('says Draft for a run of the draft, and the number for a run of a numbered version, whatever started it', () => {
    expect(versionLabel({ ran_draft: true, version: 7 })).toBe('Draft');
    expect(versionLabel({ ran_draft: false, version: 2 })).toBe('v2');
  });
});
