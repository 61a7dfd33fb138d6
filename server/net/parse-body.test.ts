import { describe, expect, it } from 'vitest';
import { parseBody } from './parse-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe('what a workflow sees of a response body', () => {
  it('parses JSON', () => {
    expect(parseBody(bytes('{"a":[1,2]}'), 'application/json; charset=utf-8')).toEqual({ a: [1, 2] });
  });

  it('parses +json types', () => {
    expect(parseBody(bytes('{"title":"Not found"}'), 'application/problem+json')).toEqual({ title: 'Not found' });
  });

  it('keeps invalid JSON as text', () => {
    expect(parseBody(bytes('{oops'), 'application/json')).toBe('{oops');
  });

  it.each([
    ['text/plain', 'hello'],
    ['text/html; charset=utf-8', '<p>hi</p>'],
    ['application/xml', '<a>1</a>'],
    ['image/svg+xml', '<svg/>'],
    ['application/x-www-form-urlencoded', 'a=1&b=2'],
    ['text/csv', 'a,b\n1,2'],
  ])('returns %s as text', (type, text) => {
    expect(parseBody(bytes(text), type)).toBe(text);
  });

  it('decodes text in the charset the server names', () => {
    expect(parseBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=ISO-8859-1')).toBe('café');
  });

  it('falls back to UTF-8 for an unknown charset', () => {
    expect(parseBody(bytes('café'), 'text/plain; charset=klingon')).toBe('café');
  });

  it.each([
    ['image/png', PNG],
    ['application/octet-stream', bytes('plain ascii but declared binary')],
    ['application/pdf', bytes('%PDF-1.7')],
  ])('returns %s as base64', (type, body) => {
    expect(parseBody(body, type)).toEqual({ base64: body.toString('base64'), content_type: type, size: body.length });
  });

  it('keeps the bare media type of a binary body', () => {
    expect(parseBody(PNG, 'IMAGE/PNG; name=x.png')).toMatchObject({ content_type: 'image/png' });
  });

  it('treats unlabelled UTF-8 as text', () => {
    expect(parseBody(bytes('just words ✓'), undefined)).toBe('just words ✓');
    expect(parseBody(bytes('x'), 'application/vnd.custom')).toBe('x');
  });

  it('treats unlabelled non-text as binary', () => {
    expect(parseBody(PNG, undefined)).toEqual({ base64: PNG.toString('base64'), content_type: 'application/octet-stream', size: 12 });
  });

  it('returns an empty body as an empty string', () => {
    expect(parseBody(Buffer.alloc(0), 'application/json')).toBe('');
    expect(parseBody(Buffer.alloc(0), 'image/png')).toBe('');
  });

  it('returns a body in an encoding it could not undo as binary', () => {
    expect(parseBody(bytes('{"a":1}'), 'application/json', true)).toMatchObject({ content_type: 'application/json', size: 7 });
  });
});
