import { z } from 'zod';
import { parseWith } from '../http/body';

export const versionNumber = z.coerce.number().int().min(1, 'version must be a positive integer');

/** A version number from a URL segment, or the contract's 400. */
export function parseVersionParam(raw: string): number {
  return parseWith(z.object({ version: versionNumber }), { version: raw }).version;
}
