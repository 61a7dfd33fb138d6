'use client';

import { useId, useState, type KeyboardEvent } from 'react';
import { CopyButton } from '@/components/ui/copy-button';

/** Code samples in tabs (arrow keys move between them, as for any tablist), each with a copy button. */
export function CodeTabs({ samples, label }: { samples: { id: string; label: string; code: string }[]; label: string }) {
  const [selected, setSelected] = useState(0);
  const baseId = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (selected + step + samples.length) % samples.length;
    setSelected(next);
    document.getElementById(`${baseId}-tab-${next}`)?.focus();
  };
  const sample = samples[selected];
  return (
    <div className="rounded-md border border-zinc-200 dark:border-zinc-700">
      <div className="flex items-center justify-between border-b border-zinc-200 px-2 dark:border-zinc-700">
        <div role="tablist" aria-label={label} className="flex" onKeyDown={onKeyDown}>
          {samples.map((item, i) => (
            <button
              key={item.id}
              id={`${baseId}-tab-${i}`}
              type="button"
              role="tab"
              aria-selected={i === selected}
              aria-controls={`${baseId}-panel`}
              tabIndex={i === selected ? 0 : -1}
              onClick={() => setSelected(i)}
              className={`px-3 py-2 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
                i === selected
                  ? 'border-b-2 border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300'
                  : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
              }`}
            >
              {item.label}
            </button>
          ))}
        </div>
        <CopyButton value={sample.code} size="sm" variant="ghost" label={`Copy ${sample.label}`} />
      </div>
      <pre
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${selected}`}
        tabIndex={0}
        className="overflow-x-auto bg-zinc-50 p-3 font-mono text-xs leading-relaxed text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {sample.code}
      </pre>
    </div>
  );
}
