// Errors that mean "the database cannot serve this right now" (disk full, connection lost, server restarting), as
// opposed to a bug. They answer 503 with Retry-After instead of 500, so clients and proxies retry.

/** Driver adapter error kinds (Prisma) that are about reaching the database, not about the query. */
const UNREACHABLE_KINDS = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);

/** What drivers say, without a code, when the connection dropped under a query (pg: "Connection terminated unexpectedly"). */
const UNAVAILABLE_MESSAGE = /Code: `(53|08)[0-9A-Z]{3}`|Code: `57P0[123]`|Connection terminated|connection is closed|Client has encountered a connection error/i;

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
    if (typeof record.message === 'string' && UNAVAILABLE_MESSAGE.test(record.message)) return true;
    const meta = record.meta as Record<string, unknown> | undefined;
    queue.push(record.cause, meta?.driverAdapterError, ...(Array.isArray(record.errors) ? record.errors : []));
  }
  return false;
}

/**
 * Runs `write`, and again with growing pauses (about 30 s in all) while it fails because the database is
 * unavailable, so a restart or a brief outage does not lose an execution's record; any other error is thrown at once.
 */
export async function retryWhileUnavailable<T>(write: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isDatabaseUnavailable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 5_000)));
    }
  }
}
