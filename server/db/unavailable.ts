// Errors that mean "the database cannot serve this right now" (disk full, connection lost, server restarting), as
// opposed to a bug. They answer 503 with Retry-After instead of 500, so clients and proxies retry.

/** Driver adapter error kinds (Prisma) that are about reaching the database, not about the query. */
const UNREACHABLE_KINDS = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);

/** Node socket errors of a lost or refused connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * PostgreSQL SQLSTATEs: class 53 (insufficient resources: disk full, out of memory, too many connections), class 08
 * (connection exception), and the server shutting down or starting up (57P01–57P03).
 */
function isUnavailableSqlState(code: string): boolean {
  return /^(53|08)[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03'].includes(code);
}

/** Whether `error` (a Prisma, driver adapter, pg or socket error, or anything wrapping one) means the database is unavailable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (typeof record.kind === 'string' && UNREACHABLE_KINDS.has(record.kind)) return true;
    for (const key of ['code', 'originalCode']) {
      const code = record[key];
      if (typeof code === 'string' && (SOCKET_CODES.has(code) || isUnavailableSqlState(code))) return true;
    }
    if (typeof record.message === 'string' && /Code: `(53|08)[0-9A-Z]{3}`|Code: `57P0[123]`/.test(record.message)) return true;
    const meta = record.meta as Record<string, unknown> | undefined;
    queue.push(record.cause, meta?.driverAdapterError, ...(Array.isArray(record.errors) ? record.errors : []));
  }
  return false;
}
