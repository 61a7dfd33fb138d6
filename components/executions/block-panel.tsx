'use client';

import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/components/ui/time';
import { BLOCK_STATUS_LABEL, type BlockStatus } from '@/components/run-events/block-statuses';
import { COST_UNKNOWN_HELP, formatCost, formatDuration, formatOffset, NUMBER } from './format';
import { categoryTone, Icon } from '@/components/ui/icons';
import { TruncatedText } from '@/components/ui/truncated-text';
import { ConsoleLines } from './console-lines';
import { CopyIconButton, JsonViewer } from './json-viewer';
import { agentSteps, iterationLabel, iterationView, outputModel, type AgentStep, type BlockView } from './run-model';
import { BlockStatusIcon } from './status';

// Everything about one block of an execution: what happened, how long it took, what it got and gave, what it
// printed, and for language models the model, the tokens and (agents) each step with its tool calls.

const STATUS_TONE: Record<BlockStatus, 'emerald' | 'red' | 'amber' | 'indigo' | 'neutral'> = {
  success: 'emerald',
  error: 'red',
  cancelled: 'amber',
  running: 'indigo',
  skipped: 'neutral',
  pending: 'neutral',
  not_reached: 'neutral',
};

const EXPLANATION: Partial<Record<BlockStatus, string>> = {
  skipped: 'Skipped: none of the branches leading to this block was taken, so it did not run.',
  not_reached: 'Not reached: the execution ended before this block could run.',
  pending: 'Waiting for the blocks before it to finish.',
  cancelled: 'Stopped before it finished: the execution was cancelled, or another block failed and ended it.',
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-zinc-900 tabular-nums dark:text-zinc-100">{children}</dd>
    </div>
  );
}

/** A block inside a loop ran once per iteration: pick one to see its input, output and console. */
export function BlockPanel({ block, executionStartedAt, onClose }: { block: BlockView; executionStartedAt: number; onClose: () => void }) {
  const [picked, setPicked] = useState('');
  const pickedLog = block.iterations.find((log) => iterationLabel(log) === picked);
  if (block.iterations.length < 2) return <BlockDetail block={block} executionStartedAt={executionStartedAt} onClose={onClose} />;
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-300">
        Iteration
        <select value={picked} onChange={(event) => setPicked(event.target.value)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900">
          <option value="">Last ({block.iterations.length} in all)</option>
          {block.iterations.map((log) => (
            <option key={iterationLabel(log)} value={iterationLabel(log)}>
              #{iterationLabel(log)} · {log.status}
            </option>
          ))}
        </select>
      </label>
      <BlockDetail block={pickedLog ? iterationView(block, pickedLog, executionStartedAt) : block} executionStartedAt={executionStartedAt} onClose={onClose} />
    </div>
  );
}

function BlockDetail({ block, executionStartedAt, onClose }: { block: BlockView; executionStartedAt: number; onClose: () => void }) {
  const log = block.log;
  const live = block.live;
  const output = log ? log.output : live?.output;
  const error = log?.error ?? live?.error ?? null;
  const usage = log?.usage ?? null;
  const model = outputModel(output);
  const steps = agentSteps(output);
  const startedIso = log?.started_at ?? null;
  const blockStart = startedIso ? Date.parse(startedIso) : block.startMs !== null ? executionStartedAt + block.startMs : null;
  const explanation = EXPLANATION[block.status];
  const ran = block.status !== 'skipped' && block.status !== 'not_reached' && block.status !== 'pending';

  return (
    <div data-testid="block-panel" data-block-id={block.id} data-status={block.status} className="space-y-4">
      <div className="flex items-start gap-3">
        <span className={`grid h-9 w-9 shrink-0 place-items-center rounded-lg ${categoryTone(block.category).icon}`}>
          <Icon name={block.icon} className="shrink-0 h-4.5 w-4.5" />
        </span>
        <div className="min-w-0 flex-1">
          <TruncatedText as="h2" className="text-base font-semibold tracking-tight">
            {block.name}
          </TruncatedText>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            {block.typeLabel} · <span className="font-mono">{block.id}</span>
          </p>
        </div>
        <Badge tone={STATUS_TONE[block.status]}>
          <span className="flex items-center gap-1" data-testid="block-status">
            <BlockStatusIcon status={block.status} className="h-3 w-3" />
            {BLOCK_STATUS_LABEL[block.status]}
          </span>
        </Badge>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close block details and show the execution"
          title="Back to the execution (Esc)"
          className="-mt-0.5 -mr-1 rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
        >
          <Icon name="x" className="shrink-0 h-4 w-4" />
        </button>
      </div>

      {ran && (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-900/40">
          <Fact label="Started">
            {block.startMs !== null ? (
              <span title={blockStart ? formatDateTime(new Date(blockStart).toISOString()) : undefined}>+{formatOffset(block.startMs)}</span>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label="Duration">
            <span data-testid="block-duration">{block.running ? `${formatDuration(block.durationMs)}…` : formatDuration(block.durationMs)}</span>
          </Fact>
          <Fact label="Attempts">
            <span className={log && log.attempts > 1 ? 'font-medium text-amber-700 dark:text-amber-400' : undefined}>{log ? log.attempts : block.running ? '…' : '—'}</span>
          </Fact>
          {model && (
            <Fact label="Model">
              <TruncatedText className="font-mono text-xs">{model}</TruncatedText>
            </Fact>
          )}
          {usage && (
            <Fact label="Tokens">
              <span title={`${NUMBER.format(usage.input_tokens)} in, ${NUMBER.format(usage.output_tokens)} out`}>
                {NUMBER.format(usage.input_tokens)} in · {NUMBER.format(usage.output_tokens)} out
              </span>
            </Fact>
          )}
          {usage && log && (
            <Fact label="Cost">
              <span data-testid="block-cost" title={log.cost_usd === null ? COST_UNKNOWN_HELP : `${log.cost_usd} USD`}>
                {formatCost(log.cost_usd)}
              </span>
            </Fact>
          )}
        </dl>
      )}

      {explanation && <p className="rounded-lg border border-dashed border-zinc-300 px-3 py-2 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{explanation}</p>}

      {error && block.status !== 'cancelled' && (
        <div role="alert" data-testid="block-error" className="rounded-lg border border-red-200 bg-red-50 p-3 dark:border-red-900/60 dark:bg-red-950/40">
          <div className="flex items-start gap-2">
            <Icon name="alert" className="shrink-0 mt-0.5 h-4 w-4 text-red-600 dark:text-red-400" />
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium break-words whitespace-pre-wrap text-red-800 dark:text-red-200">{error.message}</p>
              <p className="mt-1 text-xs text-red-700/80 dark:text-red-300/80">
                Code <code className="rounded bg-red-100 px-1 font-mono dark:bg-red-900/50">{error.code}</code>
                {log && log.attempts > 1 && <> · failed after {log.attempts} attempts</>}
              </p>
            </div>
            <CopyIconButton value={() => `${error.message} (${error.code})`} label="Copy error" />
          </div>
        </div>
      )}

      {block.running && live && live.chunks && <StreamingText text={live.chunks} />}

      {steps.length > 0 && <AgentSteps steps={steps} />}

      {ran && (block.status !== 'running' || output !== undefined) && (
        <JsonViewer label="Output" value={output} testId="block-output" empty={block.status === 'error' || block.status === 'cancelled' ? 'No output: the block did not finish' : 'No output'} />
      )}
      {block.received && (
        <JsonViewer label="Received" value={block.received} testId="block-received" openDepth={2} actions={<span className="mr-1 text-[11px] text-zinc-500 dark:text-zinc-400">outputs of the blocks feeding it</span>} />
      )}
      {log && log.input !== null && <JsonViewer label="Config" value={log.input} testId="block-input" openDepth={1} actions={<span className="mr-1 text-[11px] text-zinc-500 dark:text-zinc-400">as rendered for this run</span>} />}
      {ran && <ConsoleLines lines={block.console} startMs={blockStart} live={block.running} approximate={!log} />}
    </div>
  );
}

function StreamingText({ text }: { text: string }) {
  return (
    <section aria-label="Streaming output" className="overflow-hidden rounded-lg border border-indigo-200 dark:border-indigo-900/60">
      <h4 className="border-b border-indigo-200 bg-indigo-50 px-2.5 py-1 text-xs font-semibold text-indigo-800 dark:border-indigo-900/60 dark:bg-indigo-950/40 dark:text-indigo-200">
        Streaming…
      </h4>
      <p aria-live="off" className="max-h-60 overflow-auto bg-white px-2.5 py-2 text-sm break-words whitespace-pre-wrap dark:bg-zinc-950/40">
        {text.length > 8_000 ? `…${text.slice(-8_000)}` : text}
        <span aria-hidden className="ml-0.5 inline-block h-3.5 w-1.5 animate-pulse bg-indigo-500 align-middle" />
      </p>
    </section>
  );
}

function AgentSteps({ steps }: { steps: AgentStep[] }) {
  return (
    <section aria-label="Agent steps" data-testid="agent-steps" className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <h4 className="border-b border-zinc-200 bg-zinc-50 px-2.5 py-1 text-xs font-semibold text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900/80 dark:text-zinc-300">
        Agent steps <span className="font-normal text-zinc-500 dark:text-zinc-400">· {steps.length}</span>
      </h4>
      <ol className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {steps.map((step) => (
          <AgentStepItem key={step.step} step={step} />
        ))}
      </ol>
    </section>
  );
}

function AgentStepItem({ step }: { step: AgentStep }) {
  const [open, setOpen] = useState(step.tool_calls.length > 0);
  return (
    <li className="px-2.5 py-2 text-sm">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-2 rounded text-left focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <Icon name={open ? 'chevron-down' : 'chevron-right'} className="shrink-0 h-3.5 w-3.5 text-zinc-400" />
        <span className="font-medium">Step {step.step}</span>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {step.tool_calls.length > 0 ? `${step.tool_calls.length} tool ${step.tool_calls.length === 1 ? 'call' : 'calls'}` : 'answer'}
          {step.finish_reason ? ` · ${step.finish_reason}` : ''}
          {step.usage ? ` · ${NUMBER.format(step.usage.input_tokens)}/${NUMBER.format(step.usage.output_tokens)} tokens` : ''}
        </span>
      </button>
      {open && (
        <div className="mt-2 space-y-2 pl-5">
          {step.text && <p className="break-words whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">{step.text}</p>}
          {step.tool_calls.map((call) => {
            const result = step.tool_results.find((candidate) => candidate.id === call.id);
            return (
              <div key={call.id} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
                <p className="flex items-center gap-1.5 text-xs font-medium">
                  <Icon name="wrench" className="shrink-0 h-3.5 w-3.5 text-zinc-400" />
                  <span className="font-mono">{call.tool}</span>
                  {result && 'error' in result && <span className="text-red-600 dark:text-red-400">· failed</span>}
                </p>
                <div className="mt-1.5 space-y-1.5">
                  <JsonViewer label="Arguments" value={call.arguments} openDepth={1} />
                  {result &&
                    ('error' in result ? (
                      <p className="rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-700 dark:bg-red-950/40 dark:text-red-300">{result.error}</p>
                    ) : (
                      <JsonViewer label="Result" value={result.output} openDepth={1} />
                    ))}
                </div>
              </div>
            );
          })}
        </div>
      )}
    </li>
  );
}

