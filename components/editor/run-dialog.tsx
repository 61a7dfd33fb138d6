'use client';

import dynamic from 'next/dynamic';
import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { submitOnModEnter } from '@/components/ui/dialog-form-actions';
import { TypedFieldControl } from '@/components/forms/typed-field';
import type { TypedField } from '@/components/forms/typed-input';
import { useTypedFields } from '@/components/forms/use-typed-fields';
import type { CodeEditorProps } from './code-editor';
import { useEditorActions } from './editor-context';
import { entryNode } from './graph';
import { MissingKeysAlert } from './missing-key-note';
import { useEditorStore } from './store';
import type { StartResult } from './use-run';
import type { GraphProblem } from './types';

// "Run": asks for the execution input, as a form built from the input block's declared fields (or as JSON when it
// declares none), remembers it for next time, saves and starts the run.

const CodeEditor = dynamic<CodeEditorProps>(() => import('./code-editor').then((module) => module.CodeEditor), { ssr: false });

function storageKey(workflowId: string) {
  return `weft-run-input:${workflowId}`;
}

function rememberedInput(workflowId: string): Record<string, unknown> {
  try {
    const raw = window.localStorage.getItem(storageKey(workflowId));
    const parsed = raw ? JSON.parse(raw) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function declaredFields(): TypedField[] {
  const { nodes, catalog } = useEditorStore.getState();
  const input = entryNode(nodes, catalog);
  const fields = input?.data.config.fields;
  return Array.isArray(fields) ? (fields as TypedField[]).filter((field) => typeof field?.name === 'string' && field.name !== '' && typeof field.type === 'string') : [];
}

export function RunDialog({
  open,
  onClose,
  workflowId,
  onStart,
  theme,
}: {
  open: boolean;
  onClose: () => void;
  workflowId: string;
  onStart: (input: Record<string, unknown>) => Promise<StartResult>;
  theme: 'light' | 'dark';
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Run workflow" description="The run uses what is on the canvas now; it is saved first.">
      <RunForm workflowId={workflowId} onClose={onClose} onStart={onStart} theme={theme} />
    </Dialog>
  );
}

function RunForm({ workflowId, onClose, onStart, theme }: { workflowId: string; onClose: () => void; onStart: (input: Record<string, unknown>) => Promise<StartResult>; theme: 'light' | 'dark' }) {
  const [fields] = useState(declaredFields);
  // The last run's input where it fits a field, else the field's default.
  const [remembered] = useState(() => rememberedInput(workflowId));
  const typed = useTypedFields(fields, remembered);
  const [jsonText, setJsonText] = useState(() => JSON.stringify(remembered, null, 2));
  const [failure, setFailure] = useState<{ message: string; problems?: GraphProblem[] } | null>(null);
  const [pending, setPending] = useState(false);
  const formId = useId();

  function collect(): Record<string, unknown> | null {
    const { input, errors: found } = fields.length === 0 ? parseJsonInput(jsonText) : typed.collect();
    typed.setErrors(found);
    return Object.keys(found).length ? null : input;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = collect();
    if (!input) return;
    setPending(true);
    setFailure(null);
    try {
      window.localStorage.setItem(storageKey(workflowId), JSON.stringify(input));
    } catch {
      // not remembered; the run goes on
    }
    const result = await onStart(input);
    setPending(false);
    if (result.ok) onClose();
    else setFailure({ message: result.message, problems: result.problems });
  }

  return (
    <form
      id={formId}
      onSubmit={submit}
      noValidate
      aria-label="Run input"
      onKeyDown={submitOnModEnter}
    >
      {!failure && <KnownProblems onPick={onClose} />}
      <MissingKeysAlert onPick={onClose} />
      <div className="max-h-[55vh] space-y-4 overflow-y-auto pr-1">
        {fields.length === 0 ? (
          <JsonInput formId={formId} value={jsonText} onChange={setJsonText} error={typed.errors.__json} theme={theme} />
        ) : (
          fields.map((field) => (
            <TypedFieldControl
              key={field.name}
              {...typed.controlProps(field)}
              jsonEditor={(props) => <CodeEditor {...props} language="json" theme={theme} minHeight="80px" testId={`run-input-${field.name}`} />}
            />
          ))
        )}
      </div>
      {failure && <RunFailure message={failure.message} problems={failure.problems} onPick={onClose} />}
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={pending} title="Ctrl+Enter">
          Start run
        </Button>
      </DialogActions>
    </form>
  );
}

interface Collected {
  input: Record<string, unknown>;
  errors: Record<string, string>;
}

/** The input typed as JSON when the input block declares no fields; its error is keyed `__json`. */
function parseJsonInput(jsonText: string): Collected {
  try {
    const parsed = jsonText.trim() === '' ? {} : JSON.parse(jsonText);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { input: {}, errors: { __json: 'The input must be a JSON object, e.g. {"text": "hello"}' } };
    return { input: parsed, errors: {} };
  } catch (error) {
    return { input: {}, errors: { __json: `Not valid JSON: ${(error as Error).message}` } };
  }
}

function JsonInput({ formId, value, onChange, error, theme }: { formId: string; value: string; onChange: (text: string) => void; error: string | undefined; theme: 'light' | 'dark' }) {
  return (
    <div>
      <p id={`${formId}-json-label`} className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Input (JSON)
      </p>
      <CodeEditor value={value} onChange={onChange} language="json" theme={theme} label="Input (JSON)" invalid={Boolean(error)} minHeight="120px" testId="run-input-json" />
      {error ? (
        <p className="mt-1.5 text-sm text-red-600 dark:text-red-400">{error}</p>
      ) : (
        <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">The input block declares no fields, so any JSON object is accepted.</p>
      )}
    </div>
  );
}

/** Why the run did not start; a graph's problems, the first few of them. */
function RunFailure({ message, problems, onPick }: { message: string; problems?: GraphProblem[]; onPick(): void }) {
  return (
    <div className="mt-4">
      <Alert tone="error" title={message}>
        {problems && problems.length > 0 && <ProblemLinks problems={problems} onPick={onPick} />}
      </Alert>
    </div>
  );
}

/** The workflow's problems as the last save found them, shown before Start rather than after it. */
function KnownProblems({ onPick }: { onPick(): void }) {
  const problems = useEditorStore((state) => state.problems);
  if (problems.length === 0) return null;
  return (
    <div className="mb-4" data-testid="run-problems">
      <Alert tone="warning" title={`${problems.length} problem${problems.length === 1 ? '' : 's'} will stop this run`}>
        <ProblemLinks problems={problems} onPick={onPick} />
      </Alert>
    </div>
  );
}

/** Each problem with the block's name, which selects that block on the canvas (closing the dialog). */
function ProblemLinks({ problems, onPick }: { problems: GraphProblem[]; onPick(): void }) {
  const { focusBlock } = useEditorActions();
  const names = useEditorStore(useShallow((state) => problems.map((problem) => state.nodes.find((node) => node.id === problem.block_id)?.data.name ?? problem.block_id ?? '')));
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs">
      {problems.slice(0, 6).map((problem, index) => (
        <li key={index}>
          {problem.block_id ? (
            <button
              type="button"
              className="font-semibold underline"
              onClick={() => {
                onPick();
                focusBlock(problem.block_id!);
              }}
            >
              {names[index]}
            </button>
          ) : null}
          {problem.block_id ? ': ' : ''}
          {problem.message}
        </li>
      ))}
      {problems.length > 6 && <li>and {problems.length - 6} more (see Problems)</li>}
    </ul>
  );
}
