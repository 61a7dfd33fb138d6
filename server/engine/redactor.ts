import { MIN_SECRET_LENGTH } from '@/lib/graph/secrets';

// Secret values never leave the engine: every event (published live and persisted), block log and execution
// record passes through one redactor per execution, which replaces each known secret (the workspace's credentials,
// the server's provider keys) wherever it appears, e.g. because a model or an API echoed it back.

const REDACTED = '[redacted]';

export class SecretRedactor {
  /** Longest first, so a secret containing another is replaced whole. */
  private readonly secrets: string[];

  constructor(values: Iterable<string | null | undefined>) {
    const distinct = new Set<string>();
    for (const value of values) {
      for (const form of [value, value?.trim()]) if (form && form.length >= MIN_SECRET_LENGTH) distinct.add(form);
    }
    this.secrets = [...distinct].sort((a, b) => b.length - a.length);
  }

  /** The value with every secret replaced by `[redacted]` in every string (object keys included). */
  redact<T>(value: T): T {
    return this.secrets.length === 0 ? value : (this.walk(value) as T);
  }

  private text(text: string): string {
    let result = text;
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value instanceof Date || value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.text(key), this.walk(item)]));
  }
}
