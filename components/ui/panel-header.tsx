import { Icon } from '@/components/ui/icons';

// The header of a side panel (Deploy slide-over, Versions sidebar): icon tile, title with a one-line explanation,
// and a close button. `compact` is the narrower sidebar spacing and title size.

export function PanelHeader({
  icon,
  title,
  titleId,
  description,
  closeLabel,
  onClose,
  compact = false,
}: {
  icon: string;
  title: string;
  titleId?: string;
  description: string;
  closeLabel: string;
  onClose: () => void;
  compact?: boolean;
}) {
  return (
    <header className={`flex items-center gap-3 border-b border-zinc-200 dark:border-zinc-800 ${compact ? 'px-4 py-3' : 'px-5 py-4'}`}>
      <span className="grid h-9 w-9 shrink-0 place-items-center rounded-lg bg-indigo-50 text-indigo-600 dark:bg-indigo-500/15 dark:text-indigo-300">
        <Icon name={icon} />
      </span>
      <div className="min-w-0 flex-1">
        <h2 id={titleId} className={compact ? 'text-sm font-semibold text-zinc-900 dark:text-zinc-100' : 'text-base font-semibold'}>
          {title}
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{description}</p>
      </div>
      <button
        type="button"
        onClick={onClose}
        aria-label={closeLabel}
        className="rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <Icon name="x" />
      </button>
    </header>
  );
}
