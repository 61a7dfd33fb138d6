import type { EngineEvent } from './events';

// Live events of the executions running in this process, kept in memory while they run (and a minute after),
// so a stream that connects mid-run replays everything it missed, LLM chunks included, without waiting for the
// database. Executions of other processes, or older ones, are replayed from the ExecutionEvent table instead.

type Listener = (event: EngineEvent) => void;

interface Channel {
  history: EngineEvent[];
  listeners: Set<Listener>;
  ended: boolean;
}

const KEEP_AFTER_END_MS = 60_000;
const globalForHub = globalThis as unknown as { weftEventChannels?: Map<string, Channel> };
const channels = (globalForHub.weftEventChannels ??= new Map());

export function openChannel(executionId: string): void {
  channels.set(executionId, { history: [], listeners: new Set(), ended: false });
}

export function publish(event: EngineEvent): void {
  const channel = channels.get(event.execution_id);
  if (!channel) return;
  channel.history.push(event);
  for (const listener of channel.listeners) listener(event);
}

export function endChannel(executionId: string): void {
  const channel = channels.get(executionId);
  if (!channel) return;
  channel.ended = true;
  channel.listeners.clear();
  setTimeout(() => {
    if (channels.get(executionId) === channel) channels.delete(executionId);
  }, KEEP_AFTER_END_MS).unref();
}

/**
 * Replays the events after `afterSeq` and then delivers new ones as they come. Returns null when this process
 * does not hold the execution's events; `ended` says no more will come.
 */
export function subscribe(executionId: string, afterSeq: number, listener: Listener): { unsubscribe(): void; ended: boolean } | null {
  const channel = channels.get(executionId);
  if (!channel) return null;
  for (const event of channel.history) if (event.seq > afterSeq) listener(event);
  if (channel.ended) return { unsubscribe: () => undefined, ended: true };
  channel.listeners.add(listener);
  return { unsubscribe: () => channel.listeners.delete(listener), ended: false };
}
