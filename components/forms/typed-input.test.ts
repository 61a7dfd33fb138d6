import { describe, expect, it } from 'vitest';
import { collectTypedInput, initialFieldText, parseFieldText, type TypedField } from './typed-input';

// What a person types into the run dialog or the hosted form, and the JSON the run is started with.

const field = (name: string, type: string, extra: Partial<TypedField> = {}): TypedField => ({ name, type, required: false, ...extra });

describe('typed input fields', () => {
  it('send numbers and integers as numbers, and refuse a fraction for an integer or text for a number', () => {
    const fields = [field('price', 'number'), field('count', 'integer')];
    expect(collectTypedInput(fields, { price: '2.5', count: ' 3 ' }, {})).toEqual({ input: { price: 2.5, count: 3 }, errors: {} });
    expect(collectTypedInput(fields, { price: 'abc', count: '2.5' }, {}).errors).toEqual({ price: 'Must be a number', count: 'Must be a whole number' });
  });

  it('parse arrays and objects from JSON, with the parse error or the wrong shape as the field error', () => {
    const fields = [field('tags', 'array'), field('meta', 'object')];
    expect(collectTypedInput(fields, { tags: '["a", 2]', meta: '{"k": [1]}' }, {}).input).toEqual({ tags: ['a', 2], meta: { k: [1] } });
    const { errors } = collectTypedInput(fields, { tags: '{"a": 1}', meta: '{"k": ' }, {});
    expect(errors.tags).toBe('Must be a JSON array, e.g. [1, 2]');
    expect(errors.meta).toMatch(/^Not valid JSON: /);
    expect(parseFieldText(field('meta', 'object'), '[1]').error).toMatch(/Must be a JSON object/);
  });

  it('leave empty fields out so defaults apply, and ask for a required field without a default', () => {
    const fields = [field('name', 'string', { required: true }), field('times', 'integer', { required: true, default: 2 }), field('note', 'string')];
    expect(collectTypedInput(fields, { name: '', times: '', note: '' }, {})).toEqual({ input: {}, errors: { name: 'is required' } });
    expect(collectTypedInput(fields, { name: 'Ada' }, {}).input).toEqual({ name: 'Ada' });
  });

  it('send options by their JSON (a number option stays a number) and booleans from their checkbox', () => {
    const fields = [field('level', 'integer', { enum: [1, 2] }), field('loud', 'boolean'), field('quiet', 'boolean', { default: true })];
    expect(collectTypedInput(fields, { level: '2' }, { loud: true }).input).toEqual({ level: 2, loud: true, quiet: true });
  });

  it('start from the last input or the default, arrays and objects as indented JSON', () => {
    expect(initialFieldText(field('tags', 'array', { default: [1] }))).toBe('[\n  1\n]');
    expect(initialFieldText(field('tags', 'array'), ['x'])).toBe('[\n  "x"\n]');
    expect(initialFieldText(field('count', 'integer', { default: 4 }))).toBe('4');
    expect(initialFieldText(field('mood', 'string', { enum: ['calm'] }), 'calm')).toBe('"calm"');
    expect(initialFieldText(field('name', 'string'))).toBe('');
  });
});
