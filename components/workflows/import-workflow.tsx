'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterInputs } from '@trpc/server';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { errorMessage } from '@/components/ui/errors';
import type { AppRouter } from '@/server/api/root';
import { graphProblems, validationIssues, type GraphProblem } from './errors';
import { UploadIcon } from '@/components/ui/icons';
import { readImportFile } from './transfer';
import type { WorkflowSummary } from './types';

type ImportInput = inferRouterInputs<AppRouter>['workflows']['import'];

type Failure =
  | { file: string; kind: 'message'; message: string }
  | { file: string; kind: 'graph'; problems: GraphProblem[] }
  | { file: string; kind: 'format'; issues: Array<{ path: string; message: string }> };

/** "Import": pick a `.weft.json` file, and the workflow in it is created; what is wrong with a bad file is listed. */
export function ImportWorkflowButton({ onImported }: { onImported: (workflow: WorkflowSummary) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const importWorkflow = useMutation(trpc.workflows.import.mutationOptions());

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // so picking the same file again (after fixing it) fires again
    if (!file) return;
    setFailure(null);
    setReading(true);
    const read = await readImportFile(file);
    setReading(false);
    if (!read.ok) {
      setFailure({ file: file.name, kind: 'message', message: read.message });
      return;
    }
    importWorkflow.mutate(read.value as ImportInput, {
      onSuccess: async (workflow) => {
        await queryClient.invalidateQueries(trpc.workflows.list.pathFilter());
        onImported(workflow);
      },
      onError: (error) => {
        const problems = graphProblems(error);
        const issues = problems ? null : validationIssues(error);
        if (problems && problems.length > 0) setFailure({ file: file.name, kind: 'graph', problems });
        else if (issues && issues.length > 0) setFailure({ file: file.name, kind: 'format', issues });
        else setFailure({ file: file.name, kind: 'message', message: errorMessage(error) });
      },
    });
  }

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        className="hidden"
        data-testid="import-workflow-file"
        aria-label="Workflow file to import"
        onChange={onFile}
      />
      <Button onClick={() => inputRef.current?.click()} loading={reading || importWorkflow.isPending} title="Create a workflow from a .weft.json file">
        {!(reading || importWorkflow.isPending) && <UploadIcon />}
        {importWorkflow.isPending ? 'Importing…' : 'Import'}
      </Button>
      <ImportFailureDialog failure={failure} onClose={() => setFailure(null)} onRetry={() => inputRef.current?.click()} />
    </>
  );
}

function ImportFailureDialog({ failure, onClose, onRetry }: { failure: Failure | null; onClose: () => void; onRetry: () => void }) {
  const count = failure?.kind === 'graph' ? failure.problems.length : failure?.kind === 'format' ? failure.issues.length : 0;
  return (
    <Dialog
      open={failure !== null}
      onClose={onClose}
      title={failure ? `Could not import “${failure.file}”` : 'Could not import'}
      description={
        failure?.kind === 'graph'
          ? `The workflow in this file is not valid: ${count} ${count === 1 ? 'problem needs' : 'problems need'} fixing before it can be imported.`
          : failure?.kind === 'format'
            ? 'This file is not in the Weft workflow format. Export the workflow again from Weft, or fix these fields:'
            : undefined
      }
    >
      {failure && (
        <div data-testid="import-problems">
          {failure.kind === 'message' && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {failure.message}
            </p>
          )}
          {failure.kind === 'graph' && (
            <ul role="list" aria-label="Problems" className="max-h-72 space-y-2 overflow-y-auto">
              {failure.problems.map((problem, index) => (
                <li key={index} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm dark:border-red-900/60 dark:bg-red-950/40">
                  <ProblemPlace problem={problem} />
                  <p className="text-red-800 dark:text-red-200">{problem.message}</p>
                </li>
              ))}
            </ul>
          )}
          {failure.kind === 'format' && (
            <ul role="list" aria-label="Problems" className="max-h-72 space-y-2 overflow-y-auto">
              {failure.issues.map((issue, index) => (
                <li key={index} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm dark:border-red-900/60 dark:bg-red-950/40">
                  {issue.path && <code className="mr-1.5 font-mono text-xs text-red-900 dark:text-red-100">{issue.path}</code>}
                  <span className="text-red-800 dark:text-red-200">{issue.message}</span>
                </li>
              ))}
            </ul>
          )}
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
            <Button
              variant="primary"
              onClick={() => {
                onClose();
                onRetry();
              }}
            >
              Choose another file
            </Button>
          </DialogActions>
        </div>
      )}
    </Dialog>
  );
}

/** Where a graph problem is: the block, the edge and the setting, as small labels. */
function ProblemPlace({ problem }: { problem: GraphProblem }) {
  const parts = [
    problem.block_id !== null ? `Block ${problem.block_id}` : null,
    problem.edge !== null ? `Edge ${problem.edge}` : null,
    problem.field !== null ? problem.field : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return <p className="mb-0.5 text-xs font-medium text-red-700 dark:text-red-300">Whole workflow</p>;
  return (
    <p className="mb-0.5 flex flex-wrap gap-1.5">
      {parts.map((part) => (
        <code key={part} className="rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs text-red-900 dark:bg-red-900/50 dark:text-red-100">
          {part}
        </code>
      ))}
    </p>
  );
}
