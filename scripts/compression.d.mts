import type { IncomingMessage, ServerResponse } from 'node:http';

/** Whether an Accept-Encoding header allows gzip. */
export function acceptsGzip(header: string | undefined): boolean;
/** Makes `res` gzip its body when the client accepts gzip and the body is worth it (its first bytes, 1 KB or more). */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void;
