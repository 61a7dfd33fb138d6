import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { BLOCK_STATUS_LABEL, type BlockStatus } from '@/components/run-events/block-statuses';
import { STATUS_LABEL } from './format';
import { Icon } from '@/components/ui/icons';
import { isActive, type ExecutionStatus } from '@/lib/execution-states';

/** The badge colour for each execution status, wherever a status is shown as a badge. */
export const EXECUTION_STATUS_TONE = { queued: 'neutral', running: 'indigo', completed: 'emerald', failed: 'red', cancelled: 'amber', waiting: 'amber' } as const;

/** The coloured word for an execution's status; a running one spins. */
export function ExecutionStatusBadge({ status }: { status: ExecutionStatus }) {
  return (
    <span data-testid="execution-status" data-status={status} className="inline-flex">
      <Badge tone={EXECUTION_STATUS_TONE[status]}>
        <span className="flex items-center gap-1">
          {isActive(status) ? (
            <Spinner className="h-3 w-3" />
          ) : (
            <Icon name={status === 'completed' ? 'check' : status === 'failed' ? 'x' : 'stop'} className="shrink-0 h-3 w-3" strokeWidth={2.5} />
          )}
          {STATUS_LABEL[status]}
        </span>
      </Badge>
    </span>
  );
}

/** Text colour per block status, for icons and words. */
const BLOCK_STATUS_TEXT: Record<BlockStatus, string> = {
  pending: 'text-zinc-500 dark:text-zinc-400',
  running: 'text-indigo-600 dark:text-indigo-400',
  success: 'text-emerald-600 dark:text-emerald-400',
  error: 'text-red-600 dark:text-red-400',
  cancelled: 'text-amber-600 dark:text-amber-400',
  skipped: 'text-zinc-500 dark:text-zinc-400',
  not_reached: 'text-zinc-500 dark:text-zinc-400',
};

/** A small glyph for a block status (decorative unless `label` is set). */
export function BlockStatusIcon({ status, className = 'h-3.5 w-3.5', label = false }: { status: BlockStatus; className?: string; label?: boolean }) {
  const name = BLOCK_STATUS_LABEL[status];
  let glyph;
  if (status === 'running') {
    glyph = (
      <span className={`relative inline-flex ${className} items-center justify-center`} aria-hidden>
        <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-indigo-400 opacity-60 motion-reduce:animate-none" />
        <span className="relative inline-flex h-2 w-2 rounded-full bg-indigo-500" />
      </span>
    );
  } else if (status === 'success') glyph = <Icon name="check" className={`shrink-0 ${className} ${BLOCK_STATUS_TEXT[status]}`} strokeWidth={2.5} />;
  else if (status === 'error') glyph = <Icon name="x" className={`shrink-0 ${className} ${BLOCK_STATUS_TEXT[status]}`} strokeWidth={2.5} />;
  else if (status === 'cancelled') glyph = <Icon name="stop" className={`shrink-0 ${className} ${BLOCK_STATUS_TEXT[status]}`} />;
  else if (status === 'skipped') glyph = <Icon name="skip-forward" className={`shrink-0 ${className} ${BLOCK_STATUS_TEXT[status]}`} />;
  else glyph = <span aria-hidden className={`inline-flex ${className} items-center justify-center`}><span className="h-2 w-2 rounded-full border-2 border-zinc-300 dark:border-zinc-600" /></span>;
  return (
    <span className="inline-flex shrink-0 items-center" title={name}>
      {glyph}
      {label && <span className="sr-only">{name}</span>}
    </span>
  );
}

/** The pulsing green dot beside "Live": this page follows the run as it happens. */
export function LivePulse() {
  return (
    <span aria-hidden className="relative flex h-2 w-2">
      <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:animate-none" />
      <span className="relative inline-flex h-2 w-2 rounded-full bg-emerald-500" />
    </span>
  );
}
