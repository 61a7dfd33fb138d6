'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import type { CodeEditorProps } from '@/components/editor/code-editor';
import { useTheme } from '@/components/theme';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { DialogFormActions, submitOnModEnter } from '@/components/ui/dialog-form-actions';
import { errorMessage } from '@/components/ui/errors';
import { executionHref } from './executions-list';
import type { ExecutionDetail } from './types';

// "Re-run" on the execution page: the execution's input to edit as JSON, the graph to run (the one that ran or the
// current draft), then the new execution's page.

const CodeEditor = dynamic<CodeEditorProps>(() => import('@/components/editor/code-editor').then((module) => module.CodeEditor), { ssr: false });

type Version = 'ran' | 'draft';

/** The refusal's field problems ("input.count: is required"), else one sentence. */
function refusal(error: unknown): string[] {
  const details = (error as { data?: { details?: unknown } }).data?.details;
  if (Array.isArray(details)) {
    const lines = details
      .filter((detail): detail is { path: string; message: string } => typeof detail?.path === 'string' && typeof detail?.message === 'string')
      .map((detail) => `${detail.path}: ${detail.message}`);
    if (lines.length > 0) return lines;
  }
  return [errorMessage(error)];
}

function parseInput(text: string): { input: Record<string, never> } | { error: string } {
  try {
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'The input must be a JSON object, e.g. {"text": "hello"}' };
    return { input: parsed as Record<string, never> };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

export function RerunDialog({ open, onClose, execution, workflowId }: { open: boolean; onClose: () => void; execution: ExecutionDetail; workflowId: string }) {
  return (
    <Dialog open={open} onClose={onClose} title="Re-run execution" description="A new execution with this input, which you can edit. It links back to this one.">
      <RerunForm execution={execution} workflowId={workflowId} onClose={onClose} />
    </Dialog>
  );
}

function RerunForm({ execution, workflowId, onClose }: { execution: ExecutionDetail; workflowId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { theme } = useTheme();
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(execution.input ?? {}, null, 2));
  const [version, setVersion] = useState<Version>('ran');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const rerun = useMutation(trpc.executions.rerun.mutationOptions());

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseInput(text);
    if ('error' in parsed) {
      setJsonError(parsed.error);
      return;
    }
    setJsonError(null);
    rerun.mutate(
      { workflow_id: workflowId, execution_id: execution.id, body: { input: parsed.input, version } },
      {
        onSuccess: ({ execution_id }) => {
          void queryClient.invalidateQueries(trpc.executions.search.pathFilter());
          void queryClient.invalidateQueries({ queryKey: trpc.executions.get.queryKey({ workflow_id: workflowId, execution_id: execution.id }) });
          onClose();
          router.push(executionHref(workflowId, execution_id));
        },
      },
    );
  }

  const versions: { value: Version; label: string; hint: string }[] = [
    { value: 'ran', label: `Version that ran (v${execution.version})`, hint: 'The graph exactly as this execution ran it.' },
    { value: 'draft', label: 'Current draft', hint: 'The workflow as it is in the editor now.' },
  ];

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Re-run"
      onKeyDown={submitOnModEnter}
    >
      <div className="space-y-5">
        <div>
          <p className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Input (JSON)
          </p>
          <CodeEditor
            value={text}
            onChange={setText}
            language="json"
            theme={theme}
            label="Input (JSON)"
            describedBy={`${id}-input-note`}
            invalid={Boolean(jsonError)}
            minHeight="120px"
            maxHeight="40vh"
            testId="rerun-input-json"
          />
          {jsonError ? (
            <p id={`${id}-input-note`} role="alert" className="mt-1.5 text-sm text-red-600 dark:text-red-400">
              {jsonError}
            </p>
          ) : (
            <p id={`${id}-input-note`} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
              This execution’s input; it is checked against the input fields of the version you choose. Ctrl+Enter runs.
            </p>
          )}
        </div>
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Version to run</legend>
          <div className="space-y-2">
            {versions.map((option) => (
              <label
                key={option.value}
                className="flex cursor-pointer items-start gap-2.5 rounded-md border border-zinc-200 px-3 py-2 text-sm has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50/60 dark:border-zinc-700 dark:has-[:checked]:border-indigo-500 dark:has-[:checked]:bg-indigo-950/30"
              >
                <input
                  type="radio"
                  name={`${id}-version`}
                  value={option.value}
                  checked={version === option.value}
                  onChange={() => setVersion(option.value)}
                  aria-describedby={`${id}-${option.value}-hint`}
                  className="mt-0.5 h-4 w-4 accent-indigo-600"
                />
                <span>
                  <span className="block font-medium text-zinc-800 dark:text-zinc-200">{option.label}</span>
                  <span id={`${id}-${option.value}-hint`} className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {option.hint}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {rerun.isError && (
        <div className="mt-4">
          <Alert tone="error" title="The re-run did not start">
            <ul className="list-disc space-y-0.5 pl-4">
              {refusal(rerun.error).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      <DialogFormActions onCancel={onClose} pending={rerun.isPending} submitLabel="Run" />
    </form>
  );
}
