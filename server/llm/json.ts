import { BlockError } from '../run-capabilities';

// `response_format: "json"`: what the model is told, and how its reply is read.

export const JSON_INSTRUCTION =
  'Answer with a single valid JSON value and nothing else: no explanation, no Markdown, no code fences.';

/** The system prompt with the JSON instruction appended (or the instruction alone). */
export function withJsonInstruction(system: string | undefined): string {
  return system?.trim() ? `${system}\n\n${JSON_INSTRUCTION}` : JSON_INSTRUCTION;
}

export type JsonReply = { ok: true; value: unknown } | { ok: false; error: string };

/** A reply wrapped whole in a Markdown code fence (```json … ```), as models without a JSON mode like to write. */
const FENCED = /^```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;

/** Parses the model's reply as JSON, forgiving surrounding whitespace and a code fence around the whole reply. */
export function parseJsonReply(text: string): JsonReply {
  let candidate = text.trim();
  const fenced = FENCED.exec(candidate);
  if (fenced) candidate = fenced[1].trim();
  if (!candidate) return { ok: false, error: 'the reply is empty' };
  try {
    return { ok: true, value: JSON.parse(candidate) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * The reply of a `response_format: "json"` call as a value. Invalid JSON fails the block (`invalid_json`) after
 * writing the raw reply to the block log, where the person debugging the prompt can read it.
 */
export function readJsonReply(text: string, log: (level: 'error', message: string) => void): unknown {
  const reply = parseJsonReply(text);
  if (reply.ok) return reply.value;
  log('error', `The model's reply is not valid JSON (${reply.error}). Its reply was:\n${text}`);
  throw new BlockError(`The model did not answer with valid JSON (${reply.error}); its reply is in the block log`, 'invalid_json', true);
}
