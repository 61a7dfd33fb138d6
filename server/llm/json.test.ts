import { describe, expect, it } from 'vitest';
import { JSON_INSTRUCTION, parseJsonReply, readJsonReply, withJsonInstruction } from './json';

describe('JSON replies', () => {
  it('parses JSON, with whitespace or a code fence around it', () => {
    expect(parseJsonReply(' {"a": 1} ')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('```json\n[1, 2]\n```')).toEqual({ ok: true, value: [1, 2] });
    expect(parseJsonReply('```\n"text"\n```')).toEqual({ ok: true, value: 'text' });
  });

  it('says why a reply is not JSON', () => {
    expect(parseJsonReply('')).toEqual({ ok: false, error: 'the reply is empty' });
    expect(parseJsonReply('Here you go: {"a": 1}').ok).toBe(false);
  });

  it('fails with invalid_json and logs the raw reply', () => {
    const logged: string[] = [];
    expect(() => readJsonReply('not json', (_level, message) => logged.push(message))).toThrow(expect.objectContaining({ code: 'invalid_json' }) as Error);
    expect(logged[0]).toContain('not json');
  });

  it('appends the instruction to the system prompt', () => {
    expect(withJsonInstruction(undefined)).toBe(JSON_INSTRUCTION);
    expect(withJsonInstruction('Be nice.')).toBe(`Be nice.\n\n${JSON_INSTRUCTION}`);
  });
});
