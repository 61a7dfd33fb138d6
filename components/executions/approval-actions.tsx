'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';
import { Icon } from '@/components/ui/icons';
import type { ExecutionDetail } from './types';

// A waiting execution's approvals: the message of each block that awaits a decision, with Approve and Reject
// (the same service as POST .../resume).

export function ApprovalActions({ execution, workflowId, onError }: { execution: ExecutionDetail; workflowId: string; onError: (message: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resume = useMutation(trpc.executions.resume.mutationOptions());
  const pending = (execution.waiting_on ?? []).filter((wait) => wait.awaits_decision);
  if (pending.length === 0) return null;

  async function decide(blockId: string, decision: 'approved' | 'rejected') {
    onError(null);
    const ref = { workflow_id: workflowId, execution_id: execution.id };
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
      {pending.map((wait) => (
        <div key={wait.block_id} className="flex flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-500/40 dark:bg-amber-500/10">
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
      ))}
    </div>
  );
}
