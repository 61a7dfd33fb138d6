import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { blockRegistry, blockTypes, getBlockDefinition, isBlockType } from './registry';
import { blockCategories } from './types';

const definitions = blockTypes.map((type) => getBlockDefinition(type));

describe('the block registry', () => {
  it('has every block type of the API, each under its own type', () => {
    expect(blockTypes).toEqual(['input', 'output', 'llm', 'agent', 'code', 'condition', 'http', 'router', 'loop', 'workflow', 'wait', 'approval']);
    for (const type of blockTypes) expect(blockRegistry[type].type).toBe(type);
    expect(getBlockDefinition('nope')).toBeUndefined();
    expect(isBlockType('llm')).toBe(true);
    expect(isBlockType('toString')).toBe(false);
  });

  it('describes every block type for the palette', () => {
    const categories = blockCategories.map((category) => category.id);
    for (const definition of definitions) {
      expect(definition.label).not.toBe('');
      expect(definition.description).toMatch(/^[A-Z].*\.$/);
      expect(definition.icon).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(categories).toContain(definition.category);
    }
    expect(Object.fromEntries(definitions.map((d) => [d.type, d.icon]))).toEqual({
      input: 'log-in',
      output: 'flag',
      llm: 'sparkles',
      agent: 'bot',
      code: 'code',
      condition: 'git-branch',
      http: 'globe',
      router: 'split',
      loop: 'repeat',
      workflow: 'workflow',
      wait: 'hourglass',
      approval: 'user-check',
    });
  });

  it('gives a valid config to every block dropped on the canvas, a fresh copy each time', () => {
    for (const definition of definitions) {
      expect(definition.configSchema.safeParse(definition.defaultConfig()).success).toBe(true);
      expect(definition.defaultConfig()).not.toBe(definition.defaultConfig());
    }
    expect(blockRegistry.llm.defaultConfig()).toEqual({ model: 'gpt-4o-mini', prompt: '{{input.text}}' });
    expect(blockRegistry.code.defaultConfig()).toEqual({ code: 'return input;' });
  });

  it('adds the shared settings to every block type, all optional', () => {
    for (const definition of definitions) {
      const parsed = definition.configSchema.parse({ ...definition.defaultConfig(), timeout_ms: 1000, retry: { backoff: 'fixed' }, on_error: 'continue' });
      expect(parsed).toMatchObject({ timeout_ms: 1000, retry: { max_attempts: 1, backoff_ms: 1000, backoff: 'fixed' }, on_error: 'continue' });
    }
  });

  it('rejects config keys a block type does not have', () => {
    for (const definition of definitions) {
      expect(definition.configSchema.safeParse({ ...definition.defaultConfig(), nonsense: 1 }).success).toBe(false);
    }
  });
});

describe('what the registry tells the canvas, the inspector and the API docs', () => {
  it('declares the handles edges attach to', () => {
    const ids = (handles: readonly { id: string | null }[]) => handles.map((handle) => handle.id);
    const handles = Object.fromEntries(definitions.map((d) => [d.type, { in: ids(d.targetHandles), out: ids(d.sourceHandles) }]));
    expect(handles).toEqual({
      input: { in: [], out: [null] },
      output: { in: [null], out: [] },
      llm: { in: [null], out: [null] },
      agent: { in: [null], out: [null] },
      code: { in: [null], out: [null] },
      condition: { in: [null], out: ['true', 'false'] },
      http: { in: [null], out: [null] },
      router: { in: [null], out: ['default'] },
      loop: { in: [null], out: [null] },
      workflow: { in: [null], out: [null] },
      wait: { in: [null], out: [null] },
      approval: { in: [null], out: ['approved', 'rejected'] },
    });
    // A router's routes are handles too, named by its config.
    expect(blockRegistry.router.sourceHandlesFor({ routes: [{ id: 'refund' }, { id: 'other' }] }).map((h) => h.id)).toEqual(['refund', 'other', 'default']);
  });

  it('says which fields are templates and which are scripts', () => {
    const fields = Object.fromEntries(definitions.map((d) => [d.type, { templates: d.templateFields, script: d.script }]));
    expect(fields).toEqual({
      input: { templates: [], script: null },
      output: { templates: ['value'], script: null },
      llm: { templates: ['prompt', 'system'], script: null },
      agent: { templates: ['prompt', 'instructions'], script: null },
      code: { templates: [], script: { field: 'code', mode: 'function' } },
      condition: { templates: [], script: { field: 'expression', mode: 'expression' } },
      http: { templates: ['url', 'headers', 'body'], script: null },
      router: { templates: [], script: null },
      loop: { templates: ['items'], script: null },
      workflow: { templates: ['input'], script: null },
      wait: { templates: ['until'], script: null },
      approval: { templates: ['message'], script: null },
    });
  });

  it('has inspector hints for every field of every block type, marking the required ones', () => {
    for (const definition of definitions) {
      const ownFields = Object.keys(definition.configSchema.shape).filter((key) => !['timeout_ms', 'retry', 'on_error'].includes(key));
      const hinted = Object.keys(definition.fieldHints);
      expect(hinted.slice(0, ownFields.length).sort()).toEqual(ownFields.sort());
      expect(hinted.slice(ownFields.length)).toEqual(['timeout_ms', 'retry.max_attempts', 'retry.backoff_ms', 'retry.backoff', 'on_error']);
    }
    const required = (type: (typeof blockTypes)[number]) =>
      Object.entries(getBlockDefinition(type).fieldHints)
        .filter(([, hint]) => hint.required)
        .map(([path]) => path);
    expect(required('llm')).toEqual(['model', 'prompt']);
    expect(required('agent')).toEqual(['model', 'prompt']);
    expect(required('code')).toEqual(['code']);
    expect(required('condition')).toEqual(['expression']);
    expect(required('http')).toEqual(['url']);
    expect(required('input')).toEqual([]);
    expect(required('output')).toEqual([]);
    expect(required('router')).toEqual(['routes']);
    expect(required('workflow')).toEqual(['workflow_id']);
  });

  it('can describe every config schema as JSON Schema for the API docs', () => {
    for (const definition of definitions) {
      expect(z.toJSONSchema(definition.configSchema, { io: 'input' })).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });
});
