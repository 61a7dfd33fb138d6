import { describe, expect, it } from 'vitest';
import { takenHandles } from '@/lib/blocks/branches';
import { summarize } from '@/lib/blocks/summary';
import { blockCatalog } from './block-catalog';

// The catalog is all the editor knows about block types: these are the facts it draws nodes, summaries, handles,
// autocomplete and taken edges from, evaluated the way the editor evaluates them.

const entries = new Map(blockCatalog().blocks.map((entry) => [entry.type, entry]));
const entry = (type: string) => entries.get(type)!;
const summary = (type: string, config: Record<string, unknown>) => summarize(entry(type).summary, config);

describe('the block catalog', () => {
  it('summarises each block type in a line', () => {
    expect(summary('llm', { model: 'gpt-4o-mini', prompt: 'Summarise this long text for me please now' })).toBe('gpt-4o-mini · Summarise this long text for me…');
    expect(summary('agent', { model: 'gpt-4o-mini', prompt: 'Find it' })).toBe('gpt-4o-mini · Find it');
    expect(summary('code', { code: '\n  const a = 1;\nreturn a' })).toBe('const a = 1;');
    expect(summary('condition', { expression: 'score > 0.5' })).toBe('if score > 0.5');
    expect(summary('condition', { expression: '  ' })).toBe('');
    expect(summary('http', { method: 'POST', url: 'https://x.test/{{input.id}}' })).toBe('POST https://x.test/{{input.id}}');
    expect(summary('http', { url: 'https://x.test' })).toBe('GET https://x.test');
    expect(summary('input', { fields: [{ name: 'text' }, { name: 'n' }] })).toBe('fields: text, n');
    expect(summary('input', {})).toBe('any JSON input');
    expect(summary('output', {})).toBe('outputs of connected blocks');
    expect(summary('output', { value: { a: '{{x}}' } })).toBe('{"a":"{{x}}"}');
  });

  it('gives the input block the entry role and the output block the exit role', () => {
    const roles = Object.fromEntries([...entries].map(([type, { role }]) => [type, role]));
    expect(roles).toEqual({ input: 'entry', output: 'exit', llm: 'normal', agent: 'normal', code: 'normal', condition: 'normal', http: 'normal', router: 'normal', loop: 'normal', workflow: 'normal', wait: 'normal', approval: 'normal' });
  });

  it("declares output fields for autocomplete: fixed ones, and the input block's declared fields", () => {
    expect(entry('llm').outputs.fields).toContain('usage.output_tokens');
    expect(entry('http').outputs.fields).toEqual(['status', 'headers', 'body']);
    expect(entry('condition').outputs.fields).toEqual(['result']);
    expect(entry('input').outputs).toEqual({ fieldsFromConfig: 'fields' });
  });

  it('labels and colours the condition branches, and takes the one its result names', () => {
    expect(entry('condition').sourceHandles).toEqual([
      { id: 'true', label: 'true', tone: 'success' },
      { id: 'false', label: 'false', tone: 'danger' },
    ]);
    expect([...takenHandles(entry('condition').branch!, { result: false })]).toEqual(['false']);
    expect([...entries.values()].filter((block) => block.branch).map((block) => block.type)).toEqual(['condition', 'router', 'approval']);
  });

  it("gives the router its routes as handles and the loop its container data, for the editor to read", () => {
    expect(entry('router').sourceHandlesFrom).toEqual({ field: 'routes', key: 'id' });
    expect(entry('loop').container).toEqual({ variable: 'loop', fields: ['item', 'index', 'results'] });
    expect(entry('code').container).toBeNull();
  });

  it("asks the inspector for the input-fields editor on the input block's fields", () => {
    expect(entry('input').fieldHints.fields.widget).toBe('input-fields');
  });
});
