'use client';

import { useState, type UIEvent } from 'react';
import { clockTime, formatOffset } from './format';
import { CopyIconButton } from './json-viewer';
import type { ConsoleLine } from '@/components/run-events/run-state';

// A block's console: each line with its level (coloured) and time. Up to VIRTUAL_FROM lines render as they are;
// beyond that only the rows in view are in the DOM (fixed-height rows, one line each; the full text is the title).

const VIRTUAL_FROM = 500;
const ROW_PX = 20;
const VIEW_PX = 320;
const OVERSCAN = 10;

const LEVEL_STYLE: Record<string, string> = {
  log: 'text-zinc-500 dark:text-zinc-400',
  info: 'text-sky-700 dark:text-sky-300',
  warn: 'text-amber-700 dark:text-amber-300',
  error: 'text-red-700 dark:text-red-400',
  debug: 'text-zinc-500 dark:text-zinc-400',
};

const ROW_TONE: Record<string, string> = {
  warn: 'bg-amber-50/70 dark:bg-amber-950/30',
  error: 'bg-red-50/70 dark:bg-red-950/30',
};

/** Time since the block started; `approximate` for lines seen live, whose time is when they arrived here. */
function When({ line, startMs, approximate }: { line: ConsoleLine; startMs: number | null; approximate: boolean }) {
  const at = Date.parse(line.at);
  const offset = startMs !== null && Number.isFinite(at) ? Math.max(0, at - startMs) : null;
  return (
    <time
      dateTime={line.at}
      title={approximate ? `About ${clockTime(line.at)} (when it arrived; exact once the block finishes)` : clockTime(line.at)}
      className="w-[5.5rem] shrink-0 text-zinc-500 tabular-nums dark:text-zinc-400"
    >
      {approximate ? '≈' : ''}
      {offset !== null ? `+${formatOffset(offset)}` : clockTime(line.at)}
    </time>
  );
}

function Level({ level }: { level: string }) {
  return <span className={`w-10 shrink-0 font-semibold uppercase ${LEVEL_STYLE[level] ?? LEVEL_STYLE.log}`}>{level}</span>;
}

export function ConsoleLines({ lines, startMs, live = false, approximate = false }: { lines: ConsoleLine[]; startMs: number | null; live?: boolean; approximate?: boolean }) {
  const [scrollTop, setScrollTop] = useState(0);
  const text = () => lines.map((line) => `${line.at} ${line.level.toUpperCase()} ${line.message}`).join('\n');
  const virtual = lines.length > VIRTUAL_FROM;
  const first = virtual ? Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN) : 0;
  const last = virtual ? Math.min(lines.length, Math.ceil((scrollTop + VIEW_PX) / ROW_PX) + OVERSCAN) : lines.length;

  return (
    <section aria-label="Console" data-testid="block-console" className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div className="flex items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-2.5 py-1 dark:border-zinc-800 dark:bg-zinc-900/80">
        <h4 className="mr-auto text-xs font-semibold text-zinc-700 dark:text-zinc-300">
          Console <span className="font-normal text-zinc-500 dark:text-zinc-400">· {lines.length.toLocaleString()} {lines.length === 1 ? 'line' : 'lines'}</span>
          {live && <span className="ml-1.5 font-normal text-indigo-600 dark:text-indigo-400">· live</span>}
        </h4>
        {lines.length > 0 && <CopyIconButton value={text} label="Copy console" />}
      </div>
      {lines.length === 0 ? (
        <p className="bg-white px-2.5 py-2 text-xs text-zinc-500 italic dark:bg-zinc-950/40 dark:text-zinc-400">No console output</p>
      ) : virtual ? (
        <div
          className="overflow-auto bg-white font-mono text-xs dark:bg-zinc-950/40"
          style={{ height: VIEW_PX }}
          onScroll={(event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop)}
          role="log"
          aria-label={`Console, ${lines.length} lines`}
        >
          <ol style={{ height: lines.length * ROW_PX, position: 'relative' }}>
            {lines.slice(first, last).map((line, index) => {
              const row = first + index;
              return (
                <li
                  key={row}
                  data-level={line.level}
                  className={`absolute inset-x-0 flex gap-2 px-2.5 leading-5 whitespace-nowrap ${ROW_TONE[line.level] ?? ''}`}
                  style={{ top: row * ROW_PX, height: ROW_PX }}
                  title={line.message}
                >
                  <When line={line} startMs={startMs} approximate={approximate} />
                  <Level level={line.level} />
                  <span className="min-w-0 truncate text-zinc-800 dark:text-zinc-200">{line.message.replace(/\n/g, ' ↵ ')}</span>
                </li>
              );
            })}
          </ol>
        </div>
      ) : (
        <ol role="log" aria-label={`Console, ${lines.length} lines`} className="max-h-80 overflow-auto bg-white py-1 font-mono text-xs dark:bg-zinc-950/40">
          {lines.map((line, index) => (
            <li key={index} data-level={line.level} className={`flex gap-2 px-2.5 leading-5 ${ROW_TONE[line.level] ?? ''}`}>
              <When line={line} startMs={startMs} approximate={approximate} />
              <Level level={line.level} />
              <span className="min-w-0 flex-1 break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
