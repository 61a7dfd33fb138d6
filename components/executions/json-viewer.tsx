'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useCopy } from '@/components/ui/copy-button';
import { Icon } from '@/components/ui/icons';

// A small JSON viewer: a collapsible tree (every toggle is a button, so it works from the keyboard), a raw view,
// and copy buttons for the whole value and for any object or array in it. Big values stay cheap: arrays show a
// hundred items at a time, long strings and the raw text show their first lines with "show more".

const ARRAY_PAGE = 100;
const STRING_CHARS = 400;
const STRING_LINES = 12;
const RAW_LINES = 200;

function stringify(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A small icon button that copies `value` and says so. */
export function CopyIconButton({ value, label, className = '' }: { value: () => string; label: string; className?: string }) {
  const [state, copy] = useCopy(1800);
  return (
    <button
      type="button"
      aria-label={label}
      title={state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : label}
      onClick={(event) => {
        event.stopPropagation();
        copy(value());
      }}
      className={`inline-flex h-6 items-center gap-1 rounded px-1.5 text-[11px] font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${className}`}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} className="shrink-0 h-3.5 w-3.5" />
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Failed' : ''}</span>
    </button>
  );
}

const TreeContext = createContext<{ openDepth: number }>({ openDepth: 2 });

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object';
}

function Primitive({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-zinc-500 dark:text-zinc-400">null</span>;
  if (typeof value === 'number') return <span className="text-sky-700 dark:text-sky-300">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="text-violet-700 dark:text-violet-300">{String(value)}</span>;
  if (typeof value === 'string') return <LongString text={value} />;
  return <span>{String(value)}</span>;
}

function LongString({ text }: { text: string }) {
  const [full, setFull] = useState(false);
  const lines = text.split('\n');
  const long = text.length > STRING_CHARS || lines.length > STRING_LINES;
  let shown = text;
  if (long && !full) {
    shown = lines.length > STRING_LINES ? lines.slice(0, STRING_LINES).join('\n') : text;
    if (shown.length > STRING_CHARS) shown = shown.slice(0, STRING_CHARS);
  }
  return (
    <span className="break-words whitespace-pre-wrap text-emerald-700 dark:text-emerald-300">
      &quot;{shown}
      {long && !full && '…'}&quot;
      {long && (
        <button
          type="button"
          onClick={() => setFull((value) => !value)}
          className="ml-1.5 rounded px-1 font-sans text-[11px] font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
        >
          {full ? 'show less' : lines.length > STRING_LINES ? `show all ${lines.length.toLocaleString()} lines` : `show all ${text.length.toLocaleString()} characters`}
        </button>
      )}
    </span>
  );
}

function Key({ name }: { name: string | number | null }) {
  if (name === null) return null;
  return (
    <>
      <span className={typeof name === 'number' ? 'text-zinc-500 dark:text-zinc-400' : 'text-rose-700 dark:text-rose-300'}>
        {typeof name === 'number' ? name : `"${name}"`}
      </span>
      <span className="text-zinc-500 dark:text-zinc-400">: </span>
    </>
  );
}

function Node({ name, value, depth, path }: { name: string | number | null; value: unknown; depth: number; path: string }) {
  const { openDepth } = useContext(TreeContext);
  const [open, setOpen] = useState(depth < openDepth);
  const [limit, setLimit] = useState(ARRAY_PAGE);

  if (!isContainer(value)) {
    return (
      <li className={depth > 0 ? 'py-px pl-5' : 'py-px'}>
        <Key name={name} />
        <Primitive value={value} />
      </li>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string | number, unknown][] = isArray ? value.map((item, index) => [index, item]) : Object.entries(value);
  const count = entries.length;
  const summary = isArray ? `${count} ${count === 1 ? 'item' : 'items'}` : `${count} ${count === 1 ? 'key' : 'keys'}`;
  const [openBracket, closeBracket] = isArray ? ['[', ']'] : ['{', '}'];
  if (count === 0) {
    return (
      <li className={depth > 0 ? 'py-px pl-5' : 'py-px'}>
        <Key name={name} />
        <span className="text-zinc-500">
          {openBracket}
          {closeBracket}
        </span>
      </li>
    );
  }
  return (
    <li className="group/node">
      <div className="flex items-start">
        <button
          type="button"
          aria-expanded={open}
          aria-label={`${open ? 'Collapse' : 'Expand'} ${name === null ? 'value' : path}`}
          onClick={() => setOpen((value) => !value)}
          className="flex min-w-0 items-start rounded text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800"
        >
          <Icon name={open ? 'chevron-down' : 'chevron-right'} className="shrink-0 mt-0.5 h-3.5 w-3.5 text-zinc-400" />
          <span className="ml-1.5">
            <Key name={name} />
            <span className="text-zinc-500">{openBracket}</span>
            {!open && (
              <span className="text-zinc-500 dark:text-zinc-400">
                {' '}
                {summary} {closeBracket}
              </span>
            )}
          </span>
        </button>
        <CopyIconButton
          value={() => stringify(value)}
          label={`Copy ${name === null ? 'value' : path}`}
          className="ml-1 opacity-0 group-focus-within/node:opacity-100 group-hover/node:opacity-100"
        />
      </div>
      {open && (
        <>
          <ul className="ml-[7px] border-l border-zinc-200 pl-2 dark:border-zinc-800">
            {entries.slice(0, limit).map(([key, item]) => (
              <Node key={key} name={key} value={item} depth={depth + 1} path={name === null ? String(key) : `${path}${typeof key === 'number' ? `[${key}]` : `.${key}`}`} />
            ))}
            {count > limit && (
              <li className="py-1 pl-5">
                <button
                  type="button"
                  onClick={() => setLimit((value) => value + ARRAY_PAGE)}
                  className="rounded font-sans text-[11px] font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
                >
                  Show {Math.min(ARRAY_PAGE, count - limit)} more of {count.toLocaleString()}
                </button>
              </li>
            )}
          </ul>
          <div className="pl-5 text-zinc-500">{closeBracket}</div>
        </>
      )}
    </li>
  );
}

function RawView({ text }: { text: string }) {
  const lines = useMemo(() => text.split('\n'), [text]);
  const [limit, setLimit] = useState(RAW_LINES);
  return (
    <div>
      <pre className="break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{lines.length > limit ? lines.slice(0, limit).join('\n') : text}</pre>
      {lines.length > limit && (
        <button
          type="button"
          onClick={() => setLimit((value) => value + RAW_LINES * 5)}
          className="mt-1 rounded font-sans text-[11px] font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400"
        >
          Show more ({(lines.length - limit).toLocaleString()} lines left)
        </button>
      )}
    </div>
  );
}

const TOOL_BUTTON =
  'rounded px-1.5 py-0.5 text-[11px] font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100';

/**
 * A titled JSON value: tree or raw text, expand/collapse all, copy. `empty` is what shows for null/undefined.
 */
export function JsonViewer({
  label,
  value,
  openDepth = 2,
  empty = 'Nothing',
  testId,
  actions,
}: {
  label: string;
  value: unknown;
  openDepth?: number;
  empty?: ReactNode;
  testId?: string;
  actions?: ReactNode;
}) {
  const [mode, setMode] = useState<'tree' | 'raw'>('tree');
  const [expansion, setExpansion] = useState({ depth: openDepth, version: 0 });
  const missing = value === undefined || value === null;
  const raw = useMemo(() => (mode === 'raw' ? stringify(value) : ''), [mode, value]);
  const container = isContainer(value);

  return (
    <section aria-label={label} data-testid={testId} className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div className="flex items-center gap-1 border-b border-zinc-200 bg-zinc-50 px-2.5 py-1 dark:border-zinc-800 dark:bg-zinc-900/80">
        <h4 className="mr-auto text-xs font-semibold text-zinc-700 dark:text-zinc-300">{label}</h4>
        {actions}
        {!missing && container && mode === 'tree' && (
          <>
            <button type="button" className={TOOL_BUTTON} onClick={() => setExpansion(({ version }) => ({ depth: Infinity, version: version + 1 }))}>
              Expand all
            </button>
            <button type="button" className={TOOL_BUTTON} onClick={() => setExpansion(({ version }) => ({ depth: 1, version: version + 1 }))}>
              Collapse
            </button>
          </>
        )}
        {!missing && (
          <button type="button" className={TOOL_BUTTON} aria-pressed={mode === 'raw'} onClick={() => setMode((current) => (current === 'tree' ? 'raw' : 'tree'))}>
            Raw
          </button>
        )}
        {!missing && <CopyIconButton value={() => stringify(value)} label={`Copy ${label.toLowerCase()}`} />}
      </div>
      <div className="max-h-[28rem] overflow-auto bg-white px-2.5 py-2 font-mono text-xs leading-5 dark:bg-zinc-950/40">
        {missing ? (
          <p className="font-sans text-zinc-500 italic dark:text-zinc-400">{empty}</p>
        ) : mode === 'raw' ? (
          <RawView text={raw} />
        ) : (
          <TreeContext.Provider value={{ openDepth: expansion.depth }}>
            <ul key={expansion.version}>
              <Node name={null} value={value} depth={0} path={label.toLowerCase()} />
            </ul>
          </TreeContext.Provider>
        )}
      </div>
    </section>
  );
}
