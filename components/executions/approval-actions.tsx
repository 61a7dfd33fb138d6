'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { CopyableValue } from '@/components/ui/copy-button';
import { errorMessage } from '@/components/ui/errors';
import { Icon } from '@/components/ui/icons';
import type { ExecutionDetail } from './types';

// A waiting execution's approvals: the message of each block that awaits a decision, with Approve and Reject
// (the same service as POST .../resume), and a signed link to send to whoever should decide without signing in.

export function ApprovalActions({ execution, workflowId, onError }: { execution: ExecutionDetail; workflowId: string; onError: (message: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resume = useMutation(trpc.executions.resume.mutationOptions());
  const pending = (execution.waiting_on ?? []).filter((wait) => wait.awaits_decision);
  const ref = { workflow_id: workflowId, execution_id: execution.id };
  // A link is minted per request (its expiry counts from then): keep the one shown while the page is open.
  const links = useQuery({ ...trpc.executions.approvalLinks.queryOptions(ref), enabled: pending.length > 0, staleTime: Infinity });
  if (pending.length === 0) return null;

  async function decide(blockId: string, decision: 'approved' | 'rejected') {
    onError(null);
    try {
      await resume.mutateAsync({ ...ref, body: { block_id: blockId, decision } });
    } catch (error) {
      onError(`Could not record the decision: ${errorMessage(error)}`);
    }
    await queryClient.invalidateQueries({ queryKey: trpc.executions.get.queryKey(ref) });
    await queryClient.invalidateQueries({ queryKey: trpc.executions.logs.queryKey(ref) });
  }

  return (
    <div className="space-y-2" data-testid="approvals">
      {pending.map((wait) => {
        const link = links.data?.find((l) => l.block_id === wait.block_id);
        return (
          <div key={wait.block_id} className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-500/40 dark:bg-amber-500/10">
            <div className="flex flex-wrap items-center gap-2">
              <Icon name="user-check" className="h-4 w-4 shrink-0 text-amber-700 dark:text-amber-300" />
              <span className="min-w-0 flex-1">
                <span className="font-medium">{wait.block_id}</span> waits for a decision{wait.message ? `: ${wait.message}` : ''}
              </span>
              <Button size="sm" variant="primary" loading={resume.isPending} onClick={() => void decide(wait.block_id, 'approved')}>
                Approve
              </Button>
              <Button size="sm" onClick={() => void decide(wait.block_id, 'rejected')} disabled={resume.isPending}>
                Reject
              </Button>
            </div>
            {link && (
              <div className="space-y-1">
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  Or send this link (email, chat): whoever opens it can approve or reject without signing in, until {new Date(link.expires_at).toLocaleString()}.
                </p>
                <CopyableValue value={link.url} label={`approval link of ${wait.block_id}`} testId="approval-link" />
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
