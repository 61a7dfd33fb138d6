import { createHash } from 'node:crypto';

// Answers of pure functions of (possibly large) text, remembered by the text's digest: the graph validator's and
// the syntax checker's, which every run would otherwise repeat for the same code and the same graph.

/** Remembers up to `max` answers, dropping the least recently used; keys are digests, so long texts cost no memory. */
export class TextMemo<T> {
  private readonly answers = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(text: string, compute: () => T): T {
    const key = createHash('sha256').update(text).digest('base64');
    if (this.answers.has(key)) {
      const answer = this.answers.get(key) as T;
      // Most recently used last: Map keeps insertion order.
      this.answers.delete(key);
      this.answers.set(key, answer);
      return answer;
    }
    const answer = compute();
    this.answers.set(key, answer);
    if (this.answers.size > this.max) this.answers.delete(this.answers.keys().next().value!);
    return answer;
  }

  clear(): void {
    this.answers.clear();
  }
}
