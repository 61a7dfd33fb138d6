import { describe, expect, it } from 'vitest';
import { blockRegistry } from './registry';

const ok = (type: keyof typeof blockRegistry, config: unknown) => blockRegistry[type].configSchema.safeParse(config).success;

describe('block configs', () => {
  it('input: fields are optional, typed, required=false by default and uniquely named', () => {
    expect(ok('input', {})).toBe(true);
    expect(blockRegistry.input.configSchema.parse({ fields: [{ name: 'text', type: 'string' }] }).fields).toEqual([
      { name: 'text', type: 'string', required: false },
    ]);
    expect(ok('input', { fields: [{ name: 'when', type: 'date' }] })).toBe(false);
    expect(ok('input', { fields: [{ name: 'a', type: 'string' }, { name: 'a', type: 'number' }] })).toBe(false);
    expect(ok('input', { fields: [{ name: 'a', type: 'string', label: 'A' }] })).toBe(false);
  });

  it('output: the value is optional and may be any JSON', () => {
    expect(ok('output', {})).toBe(true);
    expect(ok('output', { value: '{{llm.output}}' })).toBe(true);
    expect(ok('output', { value: { a: ['{{x.y}}', 1, null] } })).toBe(true);
  });

  it('llm: model and prompt are required; temperature between 0 and 2; max_tokens a positive whole number', () => {
    expect(ok('llm', { model: 'ollama/llama3.2', prompt: 'Hi', system: 'S', temperature: 0, max_tokens: 1, response_format: 'json' })).toBe(true);
    expect(ok('llm', { model: 'm' })).toBe(false);
    expect(ok('llm', { model: 'm', prompt: 'p', temperature: -0.1 })).toBe(false);
    expect(ok('llm', { model: 'm', prompt: 'p', max_tokens: 0 })).toBe(false);
  });

  it('code: code must not be blank and javascript is the only language', () => {
    expect(blockRegistry.code.configSchema.parse({ code: 'return 1' }).language).toBe('javascript');
    expect(ok('code', { code: ' ' })).toBe(false);
    expect(ok('code', { code: 'x', language: 'typescript' })).toBe(false);
  });

  it('condition: the expression is required', () => {
    expect(ok('condition', { expression: 'a.b > 1' })).toBe(true);
    expect(ok('condition', {})).toBe(false);
  });

  it('agent: built-in tools or workflows, and 1 to 50 steps (8 by default)', () => {
    const parsed = blockRegistry.agent.configSchema.parse({ model: 'm', prompt: 'p' });
    expect(parsed).toMatchObject({ tools: [], max_steps: 8 });
    expect(ok('agent', { model: 'm', prompt: 'p', tools: ['run_code', { workflow_id: 'w1' }] })).toBe(true);
    expect(ok('agent', { model: 'm', prompt: 'p', tools: [{ workflow_id: 'w1', extra: 1 }] })).toBe(false);
    expect(ok('agent', { model: 'm', prompt: 'p', max_steps: 2.5 })).toBe(false);
  });

  it('http: an http(s) URL or a template, a known method, string headers, text or JSON body', () => {
    expect(blockRegistry.http.configSchema.parse({ url: 'https://x.test' }).method).toBe('GET');
    expect(ok('http', { url: '{{input.url}}', method: 'DELETE', headers: { A: 'b' }, body: 'text' })).toBe(true);
    expect(ok('http', { url: 'http://x.test', method: 'HEAD', body: { a: [1] } })).toBe(true);
    expect(ok('http', { url: 'file:///etc/passwd' })).toBe(false);
    expect(ok('http', { url: 'https://x.test', method: 'get' })).toBe(false);
    expect(ok('http', { url: 'https://x.test', headers: { A: ['b'] } })).toBe(false);
  });

  it('every block: timeout at most an hour, 1 to 10 attempts', () => {
    expect(ok('condition', { expression: 'true', timeout_ms: 3_600_000 })).toBe(true);
    expect(ok('condition', { expression: 'true', timeout_ms: 0 })).toBe(false);
    expect(ok('condition', { expression: 'true', retry: { max_attempts: 10, backoff_ms: 0 } })).toBe(true);
    expect(ok('condition', { expression: 'true', retry: { max_attempts: 0 } })).toBe(false);
  });
});
