import { isActive } from '@/lib/execution-states';
import type { Caller } from '../auth/caller';
import { db } from '../db';
import { isTerminalEvent, type EngineEvent } from '../engine/events';
import { findExecution } from './executions/reads';
import { watchExecution } from '../queue/signals';
import { executionRuntime } from './executions/runtime';

// Server-sent events of one execution: what happened so far (after Last-Event-ID) and then live until it ends.
// Events the runtime holds live (executions running in this process) come from it; others are read from the
// database while another process (a worker, another web server) runs them, woken by its notifications.

const KEEPALIVE_MS = 15_000;
const POLL_MS = 500;
/** Sent first: how long EventSource waits before reconnecting (its own default varies by browser). */
const RETRY_MS = 3_000;
const encoder = new TextEncoder();

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

function formatEvent(event: EngineEvent): string {
  const { seq, ...data } = event;
  return `id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A Last-Event-ID header (or `?last_event_id=`) as a sequence number; anything unreadable means from the start. */
export function lastEventId(request: Request): number {
  const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('last_event_id');
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

export function executionEventStream(executionId: string, afterSeq: number): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let lastSent = afterSeq;
      let idleSince = Date.now();
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        controller.close();
      };
      const send = (event: EngineEvent) => {
        if (closed || event.seq <= lastSent) return;
        lastSent = event.seq;
        idleSince = Date.now();
        controller.enqueue(encoder.encode(formatEvent(event)));
        if (isTerminalEvent(event)) close();
      };
      const keepalive = setInterval(() => {
        if (!closed && Date.now() - idleSince >= KEEPALIVE_MS) {
          idleSince = Date.now();
          controller.enqueue(encoder.encode(': keepalive\n\n'));
        }
      }, 1_000);
      let unsubscribe = () => {};
      controller.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      cleanup = () => {
        closed = true;
        clearInterval(keepalive);
        unsubscribe();
      };

      const live = executionRuntime().subscribe(executionId, afterSeq, send);
      if (live) {
        unsubscribe = live.unsubscribe;
        if (live.ended) close();
        return;
      }
      void (async () => {
        const prisma = await db();
        const watch = await watchExecution(executionId);
        unsubscribe = watch.stop;
        if (closed) watch.stop();
        while (!closed) {
          const rows = await prisma.executionEvent.findMany({ where: { executionId, seq: { gt: lastSent } }, orderBy: { seq: 'asc' }, take: 500 });
          for (const row of rows) send({ ...(row.data as object), seq: row.seq } as EngineEvent);
          if (closed) return;
          if (rows.length === 0) {
            const execution = await prisma.execution.findUnique({ where: { id: executionId }, select: { status: true } });
            if (!isActive(execution?.status)) return close();
            await watch.next(POLL_MS);
          }
        }
      })().catch((error) => {
        console.error(`[weft] event stream of ${executionId} failed:`, (error as Error).message);
        close();
      });
    },
    cancel() {
      // The client went away; the execution itself carries on.
      cleanup();
    },
  });
}

/**
 * The stream of one of the caller's executions, or null when nothing is left to send: the execution has ended and
 * `afterSeq` (the client's Last-Event-ID) is at or past its last event. The route answers that with 204, which
 * tells EventSource to stop reconnecting.
 */
export async function streamExecution(caller: Caller, workflowId: string, executionId: string, afterSeq: number) {
  const row = await findExecution(caller, workflowId, executionId); // scoping: 404 unless it is the caller's
  if (afterSeq > 0 && !isActive(row.status) && afterSeq >= row.lastEventSeq) return null;
  return executionEventStream(executionId, afterSeq);
}
