'use client';

import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { useVersionsStore, type VersionSelection } from './store';

/** Says which version is on the canvas instead of the draft, and leads back to the draft. */
export function VersionBanner({ selection }: { selection: VersionSelection }) {
  const { version, mode } = selection;
  const show = useVersionsStore((state) => state.show);
  return (
    <div
      role="status"
      data-testid="version-banner"
      className="flex shrink-0 flex-wrap items-center gap-2 border-b border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-950 dark:border-indigo-900/60 dark:bg-indigo-950/40 dark:text-indigo-100"
    >
      <Icon name={mode === 'view' ? 'lock' : 'history'} className="h-4 w-4 shrink-0" />
      <p className="flex-1 font-medium">{mode === 'view' ? `Viewing version ${version} — read-only` : `Comparing version ${version} with the draft — read-only`}</p>
      {mode === 'view' ? (
        <Button size="sm" variant="ghost" onClick={() => show(version, 'diff')}>
          Compare with draft
        </Button>
      ) : (
        <Button size="sm" variant="ghost" onClick={() => show(version, 'view')}>
          Show version {version} alone
        </Button>
      )}
      <Button size="sm" variant="secondary" onClick={() => useVersionsStore.getState().backToDraft()}>
        <Icon name="chevron-right" className="h-3.5 w-3.5 rotate-180" /> Back to draft
      </Button>
    </div>
  );
}
