import { formatBytes } from '../net/errors';
import { BlockError } from './run-context';

// Block outputs travel in events, block logs and the execution row, and downstream blocks get them as input: a
// cap (WEFT_MAX_OUTPUT_BYTES) keeps one block from filling memory, the database and every stream.

export function outputTooLargeError(bytes: number, limitBytes: number): BlockError {
  return new BlockError(
    `The block's output is ${formatBytes(bytes)} of JSON, more than the ${formatBytes(limitBytes)} limit (WEFT_MAX_OUTPUT_BYTES)`,
    'output_too_large',
    false,
  );
}

/** The output's size as JSON in UTF-8 bytes. */
export function outputBytes(output: unknown): number {
  return Buffer.byteLength(JSON.stringify(output) ?? 'null', 'utf8');
}
