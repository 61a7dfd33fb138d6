import pg from 'pg';
import { closeWithDatabase, getDatabase } from '../db';
import { RUNNER_ID } from '../engine/runner';

// Signals between the processes sharing one PostgreSQL, with nothing but PostgreSQL: LISTEN/NOTIFY on one
// dedicated connection per process (events written, executions ended, cancel commands), and a session advisory
// lock on that same connection that says "this runner is alive" for as long as its process is. On the embedded
// database there is one process, so nothing is sent and nobody listens.

/** Payload: an execution id whose events or row changed (events persisted, execution ended). */
export const EXECUTION_CHANGED = 'weft_execution_changed';
/** Payload: JSON `{id, code, message}`, the process running that execution stops it. */
export const CANCEL_EXECUTION = 'weft_cancel_execution';

type Handler = (payload: string) => void;

interface Listener {
  client: Promise<pg.Client> | null;
  handlers: Map<string, Set<Handler>>;
  holdsRunnerLock: boolean;
  /** Worker processes name their connection so that health can count them. */
  applicationName: string;
}

// On globalThis so that a module reloaded in development keeps the one connection.
const globalForSignals = globalThis as unknown as { weftSignals?: Listener };
const state: Listener = (globalForSignals.weftSignals ??= { client: null, handlers: new Map(), holdsRunnerLock: false, applicationName: 'weft' });
const WORKER_APPLICATION_NAME = 'weft-worker';

/** Advisory lock namespace (first key) of runner locks; the second key is the runner id's hash. */
const RUNNER_LOCK_NAMESPACE = 0x5746;
const RECONNECT_MS = 1_000;

async function postgresUrl(): Promise<string | null> {
  const database = await getDatabase();
  return database.kind === 'postgres' && database.url ? database.url : null;
}

function connect(url: string): Promise<pg.Client> {
  const opening = (async () => {
    const client = new pg.Client({ connectionString: url, application_name: state.applicationName });
    client.on('notification', (message) => {
      for (const handler of state.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    // A lost connection is opened again (LISTENs and the runner lock with it); until then signals wait for polls.
    client.on('error', (error) => console.error('[weft] signal connection lost:', error.message));
    client.on('end', () => {
      if (state.client !== opening) return;
      state.client = null;
      setTimeout(() => void reconnect(), RECONNECT_MS).unref();
    });
    await client.connect();
    for (const channel of state.handlers.keys()) await client.query(`LISTEN ${channel}`);
    if (state.holdsRunnerLock) await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [RUNNER_LOCK_NAMESPACE, RUNNER_ID]);
    return client;
  })();
  opening.catch(() => {
    if (state.client === opening) state.client = null;
  });
  state.client = opening;
  return opening;
}

async function reconnect(): Promise<void> {
  const url = await postgresUrl().catch(() => null);
  if (!url || state.client) return;
  await connect(url).catch((error: Error) => {
    console.error('[weft] signal connection failed:', error.message);
    setTimeout(() => void reconnect(), RECONNECT_MS).unref();
  });
}

async function signalClient(): Promise<pg.Client | null> {
  const url = await postgresUrl();
  if (!url) return null;
  return state.client ?? connect(url);
}

/** Calls `handler` with each notification on `channel` from any process; the returned function stops it. */
export async function listen(channel: string, handler: Handler): Promise<() => void> {
  let handlers = state.handlers.get(channel);
  const first = !handlers;
  if (!handlers) state.handlers.set(channel, (handlers = new Set()));
  handlers.add(handler);
  const client = await signalClient();
  if (client && first) await client.query(`LISTEN ${channel}`);
  return () => handlers.delete(handler);
}

/** Tells every listening process (this one too). */
export async function notify(channel: string, payload: string): Promise<void> {
  const database = await getDatabase();
  if (database.kind !== 'postgres') return;
  await database.sql.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

/**
 * Marks this process as a live runner (of executions) until it exits: other processes see it through
 * `runnerIsAlive`, and count it among the workers when `worker`.
 */
export async function holdRunnerLock({ worker }: { worker: boolean }): Promise<void> {
  if (worker) state.applicationName = WORKER_APPLICATION_NAME;
  if (state.holdsRunnerLock) return;
  state.holdsRunnerLock = true;
  const client = await signalClient();
  if (client) await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [RUNNER_LOCK_NAMESPACE, RUNNER_ID]);
}

/** Whether the runner holds its lock, i.e. its process (and its connection) is alive. */
export async function runnerIsAlive(runnerId: string): Promise<boolean> {
  const database = await getDatabase();
  // One statement, so the probe lock is taken and released on the same pooled connection.
  const [row] = await database.sql.query<{ alive: boolean }>(
    'SELECT CASE WHEN pg_try_advisory_lock($1, hashtext($2)) THEN NOT pg_advisory_unlock($1, hashtext($2)) ELSE true END AS alive',
    [RUNNER_LOCK_NAMESPACE, runnerId],
  );
  return row?.alive ?? false;
}

/** How many worker processes are alive now (connected to this database). */
export async function liveWorkers(): Promise<number> {
  const database = await getDatabase();
  const [row] = await database.sql.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
    [WORKER_APPLICATION_NAME],
  );
  return row?.count ?? 0;
}

// The connection belongs to the database it was opened for; the next use after a reopen connects again.
closeWithDatabase(async () => {
  const client = state.client;
  state.client = null;
  if (client) await (await client.catch(() => null))?.end().catch(() => undefined);
});

/**
 * Watches one execution's notifications (events persisted, row ended) from any process. `next` resolves at the
 * next change since the previous `next` (one that came in between is not lost) or after `timeoutMs` whatever
 * happens: callers re-read the database either way, so a lost notification costs one interval.
 */
export async function watchExecution(executionId: string): Promise<{ next(timeoutMs: number): Promise<void>; stop(): void }> {
  let pending = false;
  let wake: (() => void) | null = null;
  const unlisten = await listen(EXECUTION_CHANGED, (id) => {
    if (id !== executionId) return;
    pending = true;
    wake?.();
  });
  return {
    async next(timeoutMs) {
      if (!pending) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, timeoutMs);
        });
        clearTimeout(timer);
        wake = null;
      }
      pending = false;
    },
    stop: unlisten,
  };
}
