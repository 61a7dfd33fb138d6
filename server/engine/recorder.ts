import type { Prisma, PrismaClient } from '../db/generated/client';
import { nullableJson } from '../db/json';
import { storableValue } from '../db/storable-text';
import { retryWhileUnavailable } from '../db/unavailable';
import type { EngineEvent, EngineEventBody } from './events';
import { publish } from './event-hub';
import { SecretRedactor } from './redactor';
import type { BlockLogRecord } from './run-graph';

const UNSTORABLE_TEXT_NOTE =
  'Some text held NUL characters or unpaired UTF-16 surrogates, which the database cannot store; they were replaced by U+FFFD (�)';

const PERSIST_DELAY_MS = 25;

/**
 * Writes an execution down as it happens: events get their sequence number, go live at once and are persisted
 * in order (batched, so a stream of LLM tokens is not one insert per token); block logs are written as blocks
 * finish. A crash loses at most the block in flight. Everything is redacted first: no secret leaves through here.
 */
export class ExecutionRecorder {
  private seq: number;
  private queue: EngineEvent[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    readonly executionId: string,
    private readonly redactor = new SecretRedactor([]),
    /** The last sequence number already written (when resuming an execution an earlier attempt began). */
    afterSeq = 0,
    /** Called after each batch is written (tells other processes following the execution). */
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
    publish(event);
    this.queue.push(event);
    // Live listeners already have the event; writing it can wait a moment so a burst of LLM tokens becomes one
    // insert instead of hundreds (an embedded database shares the thread that streams to clients).
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.startFlush();
    }, PERSIST_DELAY_MS);
    return event;
  }

  get lastSeq(): number {
    return this.seq;
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
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        const data = batch.map(({ seq, type, execution_id: _id, ...rest }) => ({
          executionId: this.executionId,
          seq,
          type,
          data: { type, execution_id: this.executionId, ...rest } as Prisma.InputJsonValue,
        }));
        await retryWhileUnavailable(() => this.prisma.executionEvent.createMany({ data, skipDuplicates: true }));
        await this.onPersisted();
      }
    } catch (error) {
      console.error(`[weft] could not persist events of execution ${this.executionId}:`, (error as Error).message);
    }
  }

  /** Resolves once every event emitted so far is in the database. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.flushing || this.queue.length > 0) await this.startFlush();
  }

  /** `costUsd`: what the block's tokens cost (0 without tokens), null when its model's price is unknown. */
  async blockFinished(original: BlockLogRecord, costUsd: number | null = null): Promise<void> {
    const { value: log, replaced } = storableValue(this.redactor.redact(original));
    if (replaced) log.console = [...log.console, { level: 'warn', message: UNSTORABLE_TEXT_NOTE, at: new Date().toISOString() }];
    await retryWhileUnavailable(() => this.prisma.blockLog.create({
      data: {
        executionId: this.executionId,
        blockId: log.blockId,
        blockType: log.blockType,
        blockName: log.blockName,
        status: log.status,
        input: nullableJson(log.input),
        output: nullableJson(log.output),
        error: nullableJson(log.error),
        startedAt: log.startedAt,
        completedAt: log.completedAt,
        durationMs: log.durationMs,
        executionOrder: log.executionOrder,
        attempts: log.attempts,
        usage: nullableJson(log.usage),
        costUsd,
        console: log.console as unknown as Prisma.InputJsonValue,
        iteration: log.iteration.join('.'),
      },
    }));
  }
}
