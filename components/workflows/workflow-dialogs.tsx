'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/trpc';
import { ConfirmDialog, Dialog } from '@/components/ui/dialog';
import { errorMessage } from '@/components/ui/errors';
import { isDeployedConflict } from './errors';
import type { WorkflowSummary } from './types';
import { WorkflowDetailsForm } from './workflow-details-form';

/** "New workflow": a name (and maybe a description), then straight to the editor. */
export function CreateWorkflowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="New workflow" description="Give it a name now; you add its blocks on the canvas next.">
      <CreateWorkflowForm onClose={onClose} />
    </Dialog>
  );
}

function CreateWorkflowForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const create = useMutation(
    trpc.workflows.create.mutationOptions({
      onSuccess: (workflow) => {
        void queryClient.invalidateQueries(trpc.workflows.list.pathFilter());
        router.push(`/workflows/${workflow.id}`);
      },
    }),
  );
  return (
    <WorkflowDetailsForm
      submitLabel="Create"
      // Stays busy after success too: the editor is on its way.
      pending={create.isPending || create.isSuccess}
      error={create.isError ? errorMessage(create.error) : null}
      onSubmit={(details) => create.mutate(details)}
      onCancel={onClose}
    />
  );
}

/** A dialog about one workflow from the list: open while `workflow` is set. */
interface WorkflowDialogProps {
  workflow: WorkflowSummary | null;
  onClose: () => void;
}

/** Rename a workflow and edit its description. */
export function RenameWorkflowDialog({ workflow, onClose, onRenamed }: WorkflowDialogProps & { onRenamed: (workflow: WorkflowSummary) => void }) {
  return (
    <Dialog open={workflow !== null} onClose={onClose} title="Rename workflow" description={workflow ? <>Currently “{workflow.name}”.</> : undefined}>
      {workflow && <RenameWorkflowForm key={workflow.id} workflow={workflow} onClose={onClose} onRenamed={onRenamed} />}
    </Dialog>
  );
}

function RenameWorkflowForm({ workflow, onClose, onRenamed }: { workflow: WorkflowSummary; onClose: () => void; onRenamed: (workflow: WorkflowSummary) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.workflows.update.mutationOptions({
      onSuccess: async (updated) => {
        await queryClient.invalidateQueries(trpc.workflows.pathFilter());
        onRenamed(updated);
      },
    }),
  );
  return (
    <>
      <WorkflowDetailsForm
        initial={{ name: workflow.name, description: workflow.description }}
        submitLabel="Save"
        pending={update.isPending}
        error={update.isError ? errorMessage(update.error) : null}
        onSubmit={(patch) => update.mutate({ id: workflow.id, patch })}
        onCancel={onClose}
      />
    </>
  );
}

/** Deleting asks first, naming the workflow and what goes with it. */
export function DeleteWorkflowDialog({ workflow, onClose, onDeleted }: WorkflowDialogProps & { onDeleted: (workflow: WorkflowSummary) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.workflows.delete.mutationOptions());
  const runs = workflow?.execution_count ?? 0;
  return (
    <ConfirmDialog
      open={workflow !== null}
      onClose={onClose}
      title={`Delete “${workflow?.name ?? ''}”?`}
      description={
        <>
          {workflow?.deployed ? (
            <span className="mb-2 block font-medium text-amber-700 dark:text-amber-300">This workflow is deployed: undeploy it first, then delete it.</span>
          ) : null}
          The workflow{runs > 0 ? `, its ${runs} ${runs === 1 ? 'run' : 'runs'} and their logs` : ''} will be deleted for everyone in this workspace. This
          cannot be undone; export it first if you may want it back.
        </>
      }
      confirmLabel="Delete workflow"
      onConfirm={async () => {
        if (!workflow) return;
        try {
          await remove.mutateAsync({ id: workflow.id });
        } catch (error) {
          if (isDeployedConflict(error)) throw new Error(`“${workflow.name}” is deployed. Undeploy it first, then delete it.`);
          throw error;
        }
        await queryClient.invalidateQueries(trpc.workflows.list.pathFilter());
        onDeleted(workflow);
      }}
    />
  );
}
