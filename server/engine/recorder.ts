import { getBlockDefinition } from '../blocks';
import type { PrismaClient } from '../db/generated/client';
import { storableValue } from '../db/storable-text';
import { retryWhileUnavailable } from '../db/unavailable';
import type { EngineEvent, EngineEventBody } from './events';
import { publish } from './event-hub';
import { iterationColumn, storableOutcome, writeBatch, type BlockLogRow, type EventRow, type ExecutionOutcome } from './record-batch';
import { SecretRedactor } from './redactor';
import type { BlockLogRecord } from './run-graph';

const UNSTORABLE_TEXT_NOTE =
  'Some text held NUL characters or unpaired UTF-16 surrogates, which the database cannot store; they were replaced by U+FFFD (�)';

/** How long what is recorded may wait in memory before it is written (and what a crash can lose at most). */
const PERSIST_DELAY_MS = 25;

/**
 * Writes an execution down as it happens: events get their sequence number at once; events and block logs are then
 * written together in batches (one statement for the whole batch, see `record-batch.ts`) a moment later, so a run of fast blocks
 * or a stream of LLM tokens costs a few statements instead of one per block or token. Events go live when their
 * batch is written, never before: what a follower has seen survives a crash, and a later block's start is never
 * shown while an earlier block's log could still be lost. A block
 * with outside effects (HTTP, LLM, agent …) is written before the run goes on, so a crash does not run it again;
 * a crash otherwise loses at most the last moment of contained blocks, which a resumed run simply runs again.
 * A log always goes in the same batch as the events emitted after it, or an earlier one: the database never shows a
 * later block started while a finished one has no log (a resumed run would run that one twice).
 * The execution's outcome goes in the same transaction as its last events (`finish`). Everything is redacted
 * first: no secret leaves through here.
 */
export class ExecutionRecorder {
  private seq: number;
  private events: EventRow[] = [];
  private logs: BlockLogRow[] = [];
  /** The queued events as live listeners get them, once written. */
  private live: EngineEvent[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** A batch that could not be written: the record is incomplete, so the run must not end as if it were. */
  private lost: Error | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    readonly executionId: string,
    private readonly redactor = new SecretRedactor([]),
    /** The last sequence number already written (when resuming an execution an earlier attempt began). */
    afterSeq = 0,
    /** Called after each batch is committed (tells other processes following the execution). */
    private readonly onPersisted: () => Promise<void> = async () => undefined,
  ) {
    this.seq = afterSeq;
  }

  /** The value with the execution's secrets replaced, for what is stored outside the recorder (the execution row). */
  redact<T>(value: T): T {
    return this.redactor.redact(value);
  }

  emit(body: EngineEventBody): EngineEvent {
    // Repaired before it goes live, so the live stream and a replay from the database say the same thing.
    const storable = storableValue(this.redactor.redact(body)).value;
    const event = { ...storable, execution_id: this.executionId, at: new Date().toISOString(), seq: ++this.seq } as EngineEvent;
    this.live.push(event);
    const { seq, type, execution_id: _id, ...rest } = event;
    this.events.push({ seq, type, data: { type, execution_id: this.executionId, ...rest }, createdAt: new Date() });
    this.writeSoon();
    return event;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** `costUsd`: what the block's tokens cost (0 without tokens), null when its model's price is unknown. */
  async blockFinished(original: BlockLogRecord, costUsd: number | null = null): Promise<void> {
    const { value: log, replaced } = storableValue(this.redactor.redact(original));
    if (replaced) log.console = [...log.console, { level: 'warn', message: UNSTORABLE_TEXT_NOTE, at: new Date().toISOString() }];
    this.logs.push({
      blockId: log.blockId,
      blockType: log.blockType,
      blockName: log.blockName,
      status: log.status,
      input: log.input ?? null,
      output: log.output ?? null,
      error: log.error,
      startedAt: log.startedAt,
      completedAt: log.completedAt,
      durationMs: log.durationMs,
      executionOrder: log.executionOrder,
      attempts: log.attempts,
      usage: log.usage,
      costUsd,
      console: log.console,
      iteration: iterationColumn(log.iteration),
      createdAt: new Date(),
    });
    // A block that did not run (skipped, or given settled) has done nothing a crash could make it do twice.
    if (log.attempts === 0 || getBlockDefinition(log.blockType)?.contained) this.writeSoon();
    else await this.flush();
    if (this.lost) throw this.lost;
  }

  /** Resolves once everything recorded so far is in the database (or could not be written, which is logged). */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.flushing || this.pending()) await this.startFlush();
  }

  /**
   * Writes what is still queued together with the execution's outcome, in one transaction; the outcome only while
   * the execution is still active, so one cancelled (or ended) meanwhile keeps that end. Rejects when it could not
   * be written, or when an earlier batch was lost. Resolves with the outcome as stored when it was set, else null.
   */
  async finish(outcome: ExecutionOutcome): Promise<ExecutionOutcome | null> {
    this.cancelTimer();
    while (this.flushing) await this.flushing;
    if (this.lost) throw this.lost;
    const [events, logs, live] = this.take();
    const stored = storableOutcome(outcome);
    let applied: boolean;
    try {
      applied = await retryWhileUnavailable(() => this.write(events, logs, stored));
    } finally {
      for (const event of live) publish(event);
    }
    await this.onPersisted();
    return applied ? stored : null;
  }

  private pending(): boolean {
    return this.events.length > 0 || this.logs.length > 0;
  }

  private take(): [EventRow[], BlockLogRow[], EngineEvent[]] {
    return [this.events.splice(0), this.logs.splice(0), this.live.splice(0)];
  }

  /** What is queued is written a moment from now, with whatever joins it meanwhile. */
  private writeSoon() {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.startFlush();
    }, PERSIST_DELAY_MS);
  }

  private cancelTimer() {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Writes what is queued, one batch at a time; at most one writer runs. `flushing` is cleared in a `finally`
   * callback, which always runs after the assignment below, even when there was nothing to write (an inline
   * clear inside the async body would run first when it completes synchronously, leaving a settled promise
   * behind that `flush()` would then await forever).
   */
  private startFlush(): Promise<void> {
    this.flushing ??= this.writeQueued().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writeQueued(): Promise<void> {
    while (this.pending()) {
      const [events, logs, live] = this.take();
      try {
        await retryWhileUnavailable(() => this.write(events, logs, null));
      } catch (error) {
        // Followers in this process still see the run; only a replay from the database will miss these.
        for (const event of live) publish(event);
        console.error(`[weft] could not persist the record of execution ${this.executionId}:`, (error as Error).message);
        // Lost events only leave a gap in the replay; a lost block log means the record no longer says what ran.
        if (logs.length > 0) this.lost ??= error as Error;
        continue;
      }
      for (const event of live) publish(event);
      await this.onPersisted().catch(() => undefined);
    }
  }

  private write(events: EventRow[], logs: BlockLogRow[], outcome: ExecutionOutcome | null): Promise<boolean> {
    return writeBatch(this.prisma, this.executionId, events, logs, outcome);
  }
}
