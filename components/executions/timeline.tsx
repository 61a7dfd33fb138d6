'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { BLOCK_STATUS_LABEL, type BlockStatus } from '@/components/run-events/block-statuses';
import { formatDuration, formatOffset } from './format';
import { axisTicks } from './timeline-axis';
import { Icon } from '@/components/ui/icons';
import { TruncatedText } from '@/components/ui/truncated-text';
import type { BlockView, RunModel } from './run-model';
import { BlockStatusIcon } from './status';

// The waterfall: one row per block, a bar from when it started to when it ended, all on one axis from the
// execution's start. Branches that ran in parallel overlap in time, so their bars sit side by side.

const BAR: Record<BlockStatus, string> = {
  success: 'bg-emerald-500 dark:bg-emerald-500/90',
  error: 'bg-red-500 dark:bg-red-500/90',
  cancelled: 'bg-amber-400 dark:bg-amber-500/80',
  running: 'bg-indigo-500 animate-pulse motion-reduce:animate-none',
  skipped: 'bg-zinc-300 dark:bg-zinc-700',
  pending: 'bg-zinc-300 dark:bg-zinc-700',
  not_reached: 'bg-zinc-300 dark:bg-zinc-700',
};

function describe(block: BlockView): string {
  const status = BLOCK_STATUS_LABEL[block.status].toLowerCase();
  if (block.startMs === null) return `${block.name}: ${status}`;
  const took = block.running ? `running for ${formatDuration(block.durationMs)}` : `took ${formatDuration(block.durationMs)}`;
  return `${block.name}: ${status}, started at +${formatOffset(block.startMs)}, ${took}`;
}

/** The element's width in px, followed as it resizes; null until measured (and on the server). */
function useWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function Timeline({ model, selectedId, onSelect }: { model: RunModel; selectedId: string | null; onSelect: (id: string) => void }) {
  const { blocks, totalMs } = model;
  const pct = (ms: number) => `${Math.min(100, Math.max(0, (ms / totalMs) * 100))}%`;
  const axisRef = useRef<HTMLDivElement>(null);
  const ticks = axisTicks(totalMs, useWidth(axisRef));

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const rows = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-block-id]'));
    const index = rows.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    event.preventDefault();
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? rows.length - 1 : index + (event.key === 'ArrowDown' ? 1 : -1);
    rows[Math.max(0, Math.min(rows.length - 1, next))]?.focus();
  }

  return (
    <div data-testid="timeline" data-total-ms={Math.round(totalMs)}>
      {/* Axis */}
      <div className="flex border-b border-zinc-200 pb-1 text-[10px] text-zinc-500 tabular-nums dark:border-zinc-800 dark:text-zinc-400" aria-hidden>
        <div className="w-40 shrink-0 sm:w-48" />
        <div ref={axisRef} className="relative mr-14 h-4 flex-1" data-testid="timeline-axis">
          {ticks.map((at, index) => (
            <span
              key={at}
              className={`absolute whitespace-nowrap ${index === 0 ? '' : at / totalMs > 0.92 ? '-translate-x-full' : '-translate-x-1/2'}`}
              style={{ left: pct(at) }}
            >
              {formatOffset(at)}
            </span>
          ))}
        </div>
      </div>
      <div role="list" aria-label="Blocks in the order they ran" onKeyDown={onKeyDown} className="relative">
        {/* Gridlines */}
        <div aria-hidden className="pointer-events-none absolute inset-y-0 right-14 left-40 sm:left-48">
          {ticks.map((at) => (
            <span key={at} className="absolute inset-y-0 border-l border-dashed border-zinc-100 dark:border-zinc-800/70" style={{ left: pct(at) }} />
          ))}
        </div>
        {blocks.map((block) => {
          const selected = block.id === selectedId;
          const hasBar = block.startMs !== null && block.endMs !== null;
          return (
            <div role="listitem" key={block.id}>
              <button
                type="button"
                data-block-id={block.id}
                aria-pressed={selected}
                aria-label={describe(block)}
                onClick={() => onSelect(block.id)}
                className={`group relative flex w-full items-center rounded-md py-1 text-left focus-visible:outline-2 focus-visible:outline-indigo-500 ${
                  selected ? 'bg-indigo-50 dark:bg-indigo-500/10' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/50'
                }`}
              >
                <span className="flex w-40 shrink-0 items-center gap-1.5 pr-2 pl-1.5 sm:w-48">
                  <BlockStatusIcon status={block.status} />
                  <Icon name={block.icon} className="shrink-0 h-3.5 w-3.5 text-zinc-400" />
                  <TruncatedText className={`text-xs ${selected ? 'font-semibold text-indigo-900 dark:text-indigo-200' : 'font-medium text-zinc-800 dark:text-zinc-200'}`}>
                    {block.name}
                  </TruncatedText>
                </span>
                <span className="relative h-5 flex-1">
                  {hasBar ? (
                    <span
                      data-testid={`timeline-bar-${block.id}`}
                      data-start-ms={Math.round(block.startMs!)}
                      data-end-ms={Math.round(block.endMs!)}
                      data-status={block.status}
                      className={`absolute top-1 h-3 min-w-[3px] rounded-sm ${BAR[block.status]} ${selected ? 'outline-2 outline-offset-1 outline-indigo-500/70' : ''}`}
                      style={{ left: pct(block.startMs!), width: `max(3px, calc(${pct(block.endMs! - block.startMs!)}))` }}
                    />
                  ) : (
                    <span className="absolute inset-y-0 left-0 flex items-center text-[11px] text-zinc-600 italic dark:text-zinc-400">
                      {BLOCK_STATUS_LABEL[block.status].toLowerCase()}
                    </span>
                  )}
                </span>
                <span className="w-14 shrink-0 pr-1.5 text-right text-[11px] text-zinc-600 tabular-nums dark:text-zinc-400">
                  {hasBar ? formatDuration(block.durationMs) : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
