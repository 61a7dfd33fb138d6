'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatCost } from '@/components/executions/format';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';

/**
 * The workspace's monthly budget when it needs attention: past its warn share, or spent (and whether model calls
 * are stopped). Nothing while the budget is fine or unset.
 */
export function BudgetNotice({ compact = false }: { compact?: boolean }) {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.dashboard.budget.queryOptions(), staleTime: 0 });
  if (!data?.budget || (data.level !== 'warn' && data.level !== 'exceeded')) return null;
  const { budget, spent_usd: spent } = data;
  const figures = `${formatCost(spent)} of ${formatCost(budget.monthly_usd)} spent this month`;
  const text =
    data.level === 'warn'
      ? `Budget warning: ${figures} (warns from ${budget.warn_percent}%).`
      : `Monthly budget exceeded: ${figures}. ${budget.stop_llm_calls ? 'LLM and agent blocks are stopped until next month or until an owner raises the budget.' : 'Model calls still run.'}`;
  if (compact) {
    return (
      <p role="status" data-testid="budget-notice" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
        {text}
      </p>
    );
  }
  return (
    <div data-testid="budget-notice">
      <Alert tone="warning" action={<Link href="/settings" className="text-sm font-medium underline">Budget settings</Link>}>
        {text}
      </Alert>
    </div>
  );
}
