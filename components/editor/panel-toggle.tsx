'use client';

import { Icon } from '@/components/ui/icons';

// The strip beside the palette or the inspector that folds it away and back, so a narrow window (1024 px, a
// tablet) can give the canvas the room.

export function PanelToggle({ side, label, open, controls, onToggle }: { side: 'left' | 'right'; label: string; open: boolean; controls: string; onToggle(): void }) {
  // The chevron points where the panel goes: towards the edge to hide it, away from it to show it.
  const pointsRight = side === 'left' ? !open : open;
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-expanded={open}
      aria-controls={controls}
      aria-label={`${open ? 'Hide' : 'Show'} ${label}`}
      title={`${open ? 'Hide' : 'Show'} ${label}`}
      className={`flex w-4 shrink-0 items-center justify-center bg-zinc-50 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 dark:bg-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${
        side === 'left' ? 'border-r' : 'border-l'
      } border-zinc-200 dark:border-zinc-800`}
    >
      <Icon name="chevron-right" className={`h-3.5 w-3.5 ${pointsRight ? '' : 'rotate-180'}`} />
    </button>
  );
}
