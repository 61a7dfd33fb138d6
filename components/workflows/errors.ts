import { TRPCClientError } from '@trpc/client';

/** One problem of an `invalid_graph` answer (API.md): where it is, and what is wrong. */
export interface GraphProblem {
  block_id: string | null;
  edge: string | null;
  field: string | null;
  message: string;
}

/** What the server said about a refused call: the contract's code (`already_deployed`, `invalid_graph`…) and details. */
interface WeftError {
  weftCode: string | null;
  httpStatus: number | null;
  details: unknown;
}

function weftError(error: unknown): WeftError | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { weftCode?: string | null; httpStatus?: number; details?: unknown; code?: string } | undefined;
  return { weftCode: data?.weftCode ?? null, httpStatus: data?.httpStatus ?? null, details: data?.details ?? null };
}

/** A deployed workflow is frozen: the server answers 409 `already_deployed` to renames, saves and deletes. */
export function isDeployedConflict(error: unknown): boolean {
  const weft = weftError(error);
  return weft?.weftCode === 'already_deployed' || weft?.httpStatus === 409;
}

export function graphProblems(error: unknown): GraphProblem[] | null {
  const weft = weftError(error);
  if (weft?.weftCode !== 'invalid_graph' || !Array.isArray(weft.details)) return null;
  return weft.details.filter((detail): detail is GraphProblem => typeof detail?.message === 'string');
}

/** The issues of a `validation_error` (zod issues from tRPC input parsing, or `{path, message}` from a service). */
export function validationIssues(error: unknown): Array<{ path: string; message: string }> | null {
  const weft = weftError(error);
  if (weft?.weftCode !== 'validation_error' || !Array.isArray(weft.details)) return null;
  return weft.details
    .filter((detail): detail is { path?: unknown; message: string } => typeof detail?.message === 'string')
    .map((detail) => ({
      path: Array.isArray(detail.path) ? detail.path.map(String).join('.') : typeof detail.path === 'string' ? detail.path : '',
      message: detail.message,
    }));
}
