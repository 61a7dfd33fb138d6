import { describe, expect, it } from 'vitest';
import { keepPathInsideBraces, openTemplateBefore } from './suggestions';

// Typing a reference's path after accepting a suggestion: the path goes inside the braces.

describe('keepPathInsideBraces', () => {
  it('moves a "." typed right after a reference\'s closing braces inside them', () => {
    const before = 'Hi {{code_1}} there';
    const typed = 'Hi {{code_1}}. there';
    expect(keepPathInsideBraces(before, typed, 14)).toEqual({ value: 'Hi {{code_1.}} there', caret: 12 });
    expect(openTemplateBefore('Hi {{code_1.')).toEqual({ typed: 'code_1.', start: 5 });
    expect(keepPathInsideBraces('{{ input }}', '{{ input }}[', 12)).toEqual({ value: '{{ input[ }}', caret: 9 });
  });

  it('leaves every other edit alone', () => {
    expect(keepPathInsideBraces('Hi {{code_1}}', 'Hi {{code_1}}!', 14)).toBeNull();
    expect(keepPathInsideBraces('End.', 'End..', 5)).toBeNull();
    expect(keepPathInsideBraces('{{a}} b', '{{a}} b.', 8)).toBeNull();
    expect(keepPathInsideBraces('{ x }}', '{ x }}.', 7)).toBeNull();
  });
});
