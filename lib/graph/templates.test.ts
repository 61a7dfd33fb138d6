import { describe, expect, it } from 'vitest';
import {
  findMalformedTemplates,
  findTemplateReferences,
  hasTemplate,
  listReferencedBlockIds,
  parseTemplate,
  renderTemplateString,
  renderTemplateValue,
  renderUrlTemplate,
} from './templates';

const outputs = {
  input: { text: 'hello', n: 3, ok: true, nothing: null, items: [{ name: 'first' }, { name: 'second' }], 'a key': 'spaced' },
  summarize: { output: 'A summary', usage: { input_tokens: 10, output_tokens: 4 } },
};

describe('parsing templates', () => {
  it('finds references with whitespace inside the braces, dotted paths and array indexes', () => {
    expect(findTemplateReferences('Hi {{input.text}}, {{ summarize.usage.output_tokens }} {{input.items[0].name}} {{input.items.1.name}}')).toEqual([
      { blockId: 'input', path: ['text'], raw: '{{input.text}}', location: [] },
      { blockId: 'summarize', path: ['usage', 'output_tokens'], raw: '{{ summarize.usage.output_tokens }}', location: [] },
      { blockId: 'input', path: ['items', 0, 'name'], raw: '{{input.items[0].name}}', location: [] },
      { blockId: 'input', path: ['items', '1', 'name'], raw: '{{input.items.1.name}}', location: [] },
    ]);
  });

  it('accepts a whole block, quoted keys and field names with dashes', () => {
    expect(findTemplateReferences(`{{input}} {{ input["a key"] }} {{input['x.y']}} {{fetch.headers.content-type}}`)).toEqual([
      { blockId: 'input', path: [], raw: '{{input}}', location: [] },
      { blockId: 'input', path: ['a key'], raw: '{{ input["a key"] }}', location: [] },
      { blockId: 'input', path: ['x.y'], raw: "{{input['x.y']}}", location: [] },
      { blockId: 'fetch', path: ['headers', 'content-type'], raw: '{{fetch.headers.content-type}}', location: [] },
    ]);
  });

  it('finds references anywhere in a JSON value, with where each string sits', () => {
    const value = { url: '{{input.url}}', headers: { Authorization: 'Bearer {{ input.token }}' }, list: [1, '{{summarize.output}}'], keyed: { '{{input.text}}': 'x' } };
    expect(findTemplateReferences(value)).toEqual([
      { blockId: 'input', path: ['url'], raw: '{{input.url}}', location: ['url'] },
      { blockId: 'input', path: ['token'], raw: '{{ input.token }}', location: ['headers', 'Authorization'] },
      { blockId: 'summarize', path: ['output'], raw: '{{summarize.output}}', location: ['list', 1] },
    ]);
    expect(listReferencedBlockIds(value)).toEqual(['input', 'summarize']);
  });

  it('leaves braces that do not start like a block id as text', () => {
    expect(parseTemplate('JSON: {{"a": 1}} and {{ }} and { {input.text} }')).toEqual([
      { kind: 'text', text: 'JSON: {{"a": 1}} and {{ }} and { {input.text} }' },
    ]);
    expect(hasTemplate('{{ }}')).toBe(false);
    expect(hasTemplate('x {{input}}')).toBe(true);
  });

  it('reports references that start like a block id but are malformed', () => {
    expect(findMalformedTemplates(['{{ input text }}', 'ok {{input..text}}', '{{input[x]}}', '{{input.text}}'])).toEqual([
      { raw: '{{ input text }}', message: 'unexpected " text" after "input"', location: [0] },
      { raw: '{{input..text}}', message: 'unexpected "..text" after "input"', location: [1] },
      { raw: '{{input[x]}}', message: 'unexpected "[x]" after "input"', location: [2] },
    ]);
  });

  it('reports a reference never closed and a path typed after the closing braces', () => {
    expect(findMalformedTemplates(['Hi {{code_1.text', 'Hi {{code_1}}.text}} and {{input.name}}', 'a {{ input.x} b'])).toEqual([
      { raw: '{{code_1.text', message: '{{code_1.text is not closed: add }} after the reference', location: [0] },
      { raw: '.text}}', message: '".text" is outside the braces of {{code_1}}; write {{code_1.text}}', location: [1] },
      { raw: '{{ input.x', message: '{{ input.x is not closed: add }} after the reference', location: [2] },
    ]);
    expect(renderTemplateString('Hi {{code_1}}.text}} {{code_1.text', { code_1: 'x' })).toBe('Hi x.text}} {{code_1.text');
    // Braces that never looked like a reference stay text.
    expect(findMalformedTemplates(['{ "a": {"b": 1}}', '{{ }}', 'f() {{', '{{input}} }}'])).toEqual([]);
  });

  it('splits a string into text and references', () => {
    expect(parseTemplate('a {{x.y}} b')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'reference', raw: '{{x.y}}', blockId: 'x', path: ['y'] },
      { kind: 'text', text: ' b' },
    ]);
  });
});

describe('rendering templates in text', () => {
  it('puts strings, numbers and booleans in place', () => {
    expect(renderTemplateString('{{input.text}} x{{ input.n }} {{input.ok}}', outputs)).toBe('hello x3 true');
  });

  it('renders objects and arrays as JSON', () => {
    expect(renderTemplateString('usage={{summarize.usage}} items={{input.items}}', outputs)).toBe(
      'usage={"input_tokens":10,"output_tokens":4} items=[{"name":"first"},{"name":"second"}]',
    );
  });

  it('renders a missing field, a missing block and null as an empty string', () => {
    expect(renderTemplateString('[{{input.missing}}][{{skipped.output}}][{{input.nothing}}][{{input.text.length}}]', outputs)).toBe('[][][][]');
  });

  it('follows array indexes written either way', () => {
    expect(renderTemplateString('{{input.items[1].name}}/{{input.items.0.name}}/{{input.items[5].name}}', outputs)).toBe('second/first/');
  });

  it('never reaches into prototypes', () => {
    expect(renderTemplateString('[{{input.constructor}}][{{input.__proto__}}][{{toString}}]', outputs)).toBe('[][][]');
  });

  it('leaves malformed templates and text braces as written', () => {
    expect(renderTemplateString('{{ input text }} {{"a": 1}}', outputs)).toBe('{{ input text }} {{"a": 1}}');
  });

  it('reads outputs from a Map as well', () => {
    expect(renderTemplateString('{{input.text}}', new Map([['input', { text: 'from a map' }]]))).toBe('from a map');
  });
});

describe('rendering templates in JSON', () => {
  it('replaces a string that is exactly one reference by the value itself', () => {
    expect(
      renderTemplateValue(
        { usage: '{{summarize.usage}}', n: ' {{ input.n }} ', first: '{{input.items[0]}}', flag: '{{input.ok}}', none: '{{input.nothing}}' },
        outputs,
      ),
    ).toEqual({ usage: { input_tokens: 10, output_tokens: 4 }, n: 3, first: { name: 'first' }, flag: true, none: null });
  });

  it('replaces a missing reference by null', () => {
    expect(renderTemplateValue(['{{input.missing}}', '{{ghost}}'], outputs)).toEqual([null, null]);
  });

  it('renders other strings as text and leaves keys and non-strings alone', () => {
    expect(
      renderTemplateValue({ greeting: 'Hi {{input.text}} ({{input.n}})', '{{input.text}}': 1, list: [true, null, 2.5] }, outputs),
    ).toEqual({ greeting: 'Hi hello (3)', '{{input.text}}': 1, list: [true, null, 2.5] });
  });

  it('renders a bare template string the same way', () => {
    expect(renderTemplateValue('{{input.items}}', outputs)).toEqual(outputs.input.items);
    expect(renderTemplateValue('n={{input.n}}', outputs)).toBe('n=3');
  });
});

describe('rendering templates in a URL', () => {
  const url = { input: { q: 'a&admin=1#x', id: '../admin?x=1', base: 'https://api.example.com/v1', query: 'a=1&b=2', n: 7 } };

  it('encodes a value as one query value, one path segment or the fragment, as its position says', () => {
    expect(renderUrlTemplate('https://api.example.com/search?q={{input.q}}&n={{input.n}}', url)).toBe(
      'https://api.example.com/search?q=a%26admin%3D1%23x&n=7',
    );
    expect(renderUrlTemplate('https://api.example.com/items/{{input.id}}', url)).toBe('https://api.example.com/items/..%2Fadmin%3Fx%3D1');
    expect(renderUrlTemplate('https://api.example.com/page#{{input.q}}', url)).toBe('https://api.example.com/page#a%26admin%3D1%23x');
  });

  it('inserts a base URL before the path as it is, and encodes what follows it', () => {
    expect(renderUrlTemplate('{{input.base}}/items/{{input.id}}', url)).toBe('https://api.example.com/v1/items/..%2Fadmin%3Fx%3D1');
  });

  it('inserts {{raw ...}} unencoded on purpose, and raw changes nothing outside URLs', () => {
    expect(renderUrlTemplate('https://api.example.com/search?{{raw input.query}}', url)).toBe('https://api.example.com/search?a=1&b=2');
    expect(renderTemplateString('{{raw input.query}}', url)).toBe('a=1&b=2');
    expect(findTemplateReferences('x {{ raw input.query }}')).toMatchObject([{ blockId: 'input', path: ['query'] }]);
  });
});
