import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseBlockConfig, safeParseBlockConfig } from './config';
import { InvalidGraphError } from './problems';

describe('parsing a block config for the engine', () => {
  it('applies the defaults of the block type and of the shared settings', () => {
    const config = parseBlockConfig({ id: 'llm_1', type: 'llm', config: { model: 'gpt-4o-mini', prompt: 'Hi' } });
    expect(config).toEqual({
      model: 'gpt-4o-mini',
      prompt: 'Hi',
      response_format: 'text',
      retry: { max_attempts: 1, backoff_ms: 1000, backoff: 'exponential' },
      on_error: 'fail',
    });
    expectTypeOf(config.response_format).toEqualTypeOf<'text' | 'json'>();
    expectTypeOf(config.retry.max_attempts).toEqualTypeOf<number>();
  });

  it('fills in partial retry settings', () => {
    const config = parseBlockConfig({ id: 'h', type: 'http', config: { url: 'https://x.test', retry: { max_attempts: 3 }, timeout_ms: 500 } });
    expect(config).toMatchObject({ method: 'GET', timeout_ms: 500, retry: { max_attempts: 3, backoff_ms: 1000, backoff: 'exponential' } });
  });

  it('returns the problems of an invalid config', () => {
    expect(safeParseBlockConfig({ id: 'a', type: 'agent', config: { prompt: 'Go', max_steps: 0 } })).toEqual({
      success: false,
      problems: [
        { block_id: 'a', edge: null, field: 'config.model', message: 'model is required' },
        { block_id: 'a', edge: null, field: 'config.max_steps', message: 'max_steps must be at least 1' },
      ],
    });
  });

  it('returns a problem for an unknown block type', () => {
    expect(safeParseBlockConfig({ id: 'x', type: 'nope', config: {} })).toEqual({
      success: false,
      problems: [{ block_id: 'x', edge: null, field: 'type', message: 'Unknown block type "nope" (known types: input, output, llm, agent, code, condition, http, router, loop, workflow, wait, approval)' }],
    });
  });

  it('throws an invalid_graph error when asked to parse an invalid config', () => {
    expect(() => parseBlockConfig({ id: 'c', type: 'code', config: {} })).toThrow(InvalidGraphError);
    expect(() => parseBlockConfig({ id: 'c', type: 'code', config: {} })).toThrow('The workflow graph is invalid: code is required');
  });
});
