'use client';

import { Button } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';
import { Icon } from '@/components/ui/icons';
import { describeDiff } from '@/components/versions/diff';
import { useVersionsStore } from '@/components/versions/store';
import { useEditorActions } from './editor-context';
import { useEditorStore } from './store';
import { useDeployChanges, useDeployedDiff } from './use-deployment';

// Beside the workflow's name: which version is deployed, whether the draft on screen differs from it (opening the
// comparison), and "Deploy changes" to promote the draft. Editing never stops because something is deployed.

export function DeployedBadge({ canEdit }: { canEdit: boolean }) {
  const { workflowId, flushSave } = useEditorActions();
  const deployed = useEditorStore((state) => state.deployed);
  const { version, diff, differs } = useDeployedDiff(workflowId);
  const { deployChanges, pending } = useDeployChanges(workflowId, flushSave);
  if (!deployed) return null;

  async function onDeployChanges() {
    try {
      await deployChanges();
    } catch (caught) {
      useEditorStore.getState().notify(errorMessage(caught, 'The changes could not be deployed.'), 'error');
    }
  }

  return (
    <div className="flex min-w-0 items-center gap-1.5" data-testid="deployed-badge">
      <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200 ring-inset dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-900">
        <Icon name="rocket" className="h-3 w-3" /> Deployed{version !== null && ` · v${version}`}
      </span>
      {differs && diff && version !== null && (
        <>
          <button
            type="button"
            onClick={() => useVersionsStore.getState().show(version, 'diff')}
            title={`${describeDiff(diff)} Click to compare.`}
            className="hidden shrink-0 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300 ring-inset hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-indigo-500 sm:inline-flex dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-800"
          >
            Draft differs from deployed
          </button>
          {canEdit && (
            <Button size="sm" variant="secondary" onClick={onDeployChanges} loading={pending} className="shrink-0">
              Deploy changes
            </Button>
          )}
        </>
      )}
    </div>
  );
}
