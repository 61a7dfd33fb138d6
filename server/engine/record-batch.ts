import { randomUUID } from 'node:crypto';
import { activeExecutionStatuses, type ExecutionStatus } from '@/lib/execution-states';
import type { PrismaClient } from '../db/generated/client';
import { inJsonbKeyOrder } from '../db/json';
import { storableValue } from '../db/storable-text';
import type { BlockLogRecord } from './run-graph';

// One batch of an execution's record as ONE statement: the events, the block logs and (at the end) the outcome,
// as data-modifying CTEs over JSON parameters. A single statement is atomic on its own, so the batch needs no
// BEGIN/COMMIT around it, and nothing is read back or mapped: 1 round trip instead of 3–5 through Prisma.

export interface EventRow {
  seq: number;
  type: string;
  /** The event as followers get it; a `json` column, so its key order is kept. */
  data: unknown;
  createdAt: Date;
}

/** A block log as it is stored: the engine's record, with its iteration joined ("2.0") and its cost. */
export type BlockLogRow = Omit<BlockLogRecord, 'iteration'> & { iteration: string; costUsd: number | null; createdAt: Date };

/** A loop iteration path as its column stores it: indexes joined by dots, '' outside any loop (a key, never NULL). */
export function iterationColumn(iteration: readonly number[]): string {
  return iteration.join('.');
}

/** The path back from its column; `[]` outside any loop. */
export function iterationFromColumn(column: string): number[] {
  return column === '' ? [] : column.split('.').map(Number);
}

/** The Execution row's columns an outcome (ended, or paused `waiting`) may set; a JSON null is SQL NULL. */
export interface ExecutionOutcome {
  status: Exclude<ExecutionStatus, 'queued' | 'running'>;
  output?: unknown;
  error?: unknown;
  blockOutputs?: unknown;
  usage?: unknown;
  costUsd?: number | null;
  completedAt?: Date;
  durationMs?: number;
  lastEventSeq?: number;
  waitingOn?: unknown;
}

/** The SQL type of each column, as the JSON parameter is read (timestamps are UTC, as Prisma writes them). */
const EVENT_COLUMNS = { seq: 'int', type: 'text', data: 'json', createdAt: 'timestamp(3)' };
const LOG_COLUMNS = {
  id: 'text',
  blockId: 'text',
  blockType: 'text',
  blockName: 'text',
  status: '"BlockLogStatus"',
  input: 'json',
  output: 'json',
  error: 'jsonb',
  startedAt: 'timestamp(3)',
  completedAt: 'timestamp(3)',
  durationMs: 'float8',
  executionOrder: 'int',
  attempts: 'int',
  usage: 'jsonb',
  costUsd: 'float8',
  console: 'jsonb',
  iteration: 'text',
  createdAt: 'timestamp(3)',
};
const OUTCOME_COLUMNS: Record<keyof ExecutionOutcome, string> = {
  status: '"ExecutionStatus"',
  output: 'json',
  error: 'jsonb',
  blockOutputs: 'json',
  usage: 'jsonb',
  costUsd: 'float8',
  completedAt: 'timestamp(3)',
  durationMs: 'float8',
  lastEventSeq: 'int',
  waitingOn: 'jsonb',
};
const OUTCOME_JSON = new Set(Object.keys(OUTCOME_COLUMNS).filter((name) => /json/.test(OUTCOME_COLUMNS[name as keyof ExecutionOutcome])));

/**
 * The outcome as the row will hold it: its JSON values with their text made storable (an absent value as null),
 * and those of jsonb columns with their keys in jsonb's order, so it reads exactly like the row read back.
 */
export function storableOutcome(outcome: ExecutionOutcome): ExecutionOutcome {
  const stored: Record<string, unknown> = { ...outcome };
  for (const name of OUTCOME_JSON) {
    if (!(name in outcome)) continue;
    const value = storableValue(stored[name] ?? null).value;
    stored[name] = OUTCOME_COLUMNS[name as keyof ExecutionOutcome] === 'jsonb' ? inJsonbKeyOrder(value) : value;
  }
  return stored as unknown as ExecutionOutcome;
}

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');
const recordOf = (columns: Record<string, string>) => Object.entries(columns).map(([name, type]) => `"${name}" ${type}`).join(', ');
const ACTIVE = activeExecutionStatuses.map((status) => `'${status}'`).join(', ');

function insertFrom(table: string, columns: Record<string, string>, param: string): string {
  const names = Object.keys(columns);
  return `INSERT INTO "${table}" ("executionId", ${quoted(names)}) SELECT $1, ${quoted(names)} FROM json_to_recordset(${param}::json) AS r(${recordOf(columns)}) ON CONFLICT DO NOTHING`;
}

/**
 * Writes one batch. Duplicates (a batch retried after its commit was not acknowledged) are skipped. The outcome
 * (from `storableOutcome`) is set only while the execution is still active: one cancelled (or ended) meanwhile
 * keeps that end; the events and logs are written either way. Returns whether the outcome was set.
 */
export async function writeBatch(
  prisma: PrismaClient,
  executionId: string,
  events: EventRow[],
  logs: BlockLogRow[],
  outcome: ExecutionOutcome | null,
): Promise<boolean> {
  const parts: string[] = [];
  const values: unknown[] = [executionId];
  if (events.length > 0) {
    values.push(JSON.stringify(events));
    parts.push(insertFrom('ExecutionEvent', EVENT_COLUMNS, `$${values.length}`));
  }
  if (logs.length > 0) {
    values.push(JSON.stringify(logs.map((log) => ({ id: randomUUID(), ...log }))));
    parts.push(insertFrom('BlockLog', LOG_COLUMNS, `$${values.length}`));
  }
  let last = 'SELECT 1';
  if (outcome) {
    const names = Object.keys(outcome).filter((name) => name in OUTCOME_COLUMNS) as Array<keyof ExecutionOutcome>;
    values.push(JSON.stringify(outcome));
    const columns = Object.fromEntries(names.map((name) => [name, OUTCOME_COLUMNS[name]]));
    last =
      `UPDATE "Execution" SET ${names.map((name) => `"${name}" = o."${name}"`).join(', ')} ` +
      `FROM json_to_record($${values.length}::json) AS o(${recordOf(columns)}) WHERE "Execution"."id" = $1 AND "Execution"."status" IN (${ACTIVE})`;
  }
  if (parts.length === 0 && !outcome) return false;
  const sql = parts.length === 0 ? last : `WITH ${parts.map((part, i) => `w${i} AS (${part})`).join(', ')} ${last}`;
  // The count is the final UPDATE's (rows the CTEs insert are not counted).
  const updated = await prisma.$executeRawUnsafe(sql, ...values);
  return outcome !== null && updated > 0;
}
