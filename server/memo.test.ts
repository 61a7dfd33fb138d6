import { describe, expect, it } from 'vitest';
import { TextMemo } from './memo';

describe('TextMemo', () => {
  it('computes once per text and forgets the least recently used beyond its size', () => {
    const memo = new TextMemo<number>(2);
    let computed = 0;
    const length = (text: string) => memo.get(text, () => (computed++, text.length));
    expect([length('a'), length('bb'), length('a')]).toEqual([1, 2, 1]);
    expect(computed).toBe(2);
    length('ccc'); // 'bb' is now the least recently used and goes
    length('a');
    expect(computed).toBe(3);
    length('bb');
    expect(computed).toBe(4);
  });
});
