'use client';

import { useQuery } from '@tanstack/react-query';
import { COST_UNKNOWN_HELP, formatCost, NUMBER } from '@/components/executions/format';
import { useTRPC } from '@/components/trpc';

/** Tokens and cost of a finished run, read from its execution once it has ended (the live events carry neither). */
export function RunCost({ workflowId, executionId }: { workflowId: string; executionId: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.executions.get.queryOptions({ workflow_id: workflowId, execution_id: executionId }));
  if (!data?.usage) return null;
  const { usage, cost_usd: cost } = data;
  return (
    <span
      data-testid="run-cost"
      className="font-mono text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
      title={`${NUMBER.format(usage.input_tokens)} tokens in, ${NUMBER.format(usage.output_tokens)} out${cost === null ? `. ${COST_UNKNOWN_HELP}` : ''}`}
    >
      {formatCost(cost)}
    </span>
  );
}
