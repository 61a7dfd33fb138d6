'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatCost } from '@/components/executions/format';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { ReadOnlyNote, SaveOutcome } from './section';
import { useRefresh } from '@/components/ui/use-refresh';

// The workspace's monthly budget: an amount in USD, the share from which Weft warns, and whether model calls stop
// once it is spent. Owners change it; everyone sees it and this month's spending.

type Budget = { monthly_usd: number; warn_percent: number; stop_llm_calls: boolean } | null;

export function BudgetSettings({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.dashboard.budget.queryOptions());
  if (!status.data) return null;
  const { budget, spent_usd: spent } = status.data;
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="budget-spent">
        Spent this month (UTC): <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{formatCost(spent)}</span>
        {budget && <> of {formatCost(budget.monthly_usd)}</>}
      </p>
      {canEdit ? (
        <BudgetForm budget={budget} />
      ) : (
        <>
          <ReadOnlyNote>Only owners can change the budget.</ReadOnlyNote>
          <p className="text-sm">
            {budget
              ? `${formatCost(budget.monthly_usd)} a month, warning from ${budget.warn_percent}%; model calls ${budget.stop_llm_calls ? 'stop' : 'continue'} when it is spent.`
              : 'No budget is set.'}
          </p>
        </>
      )}
    </div>
  );
}

function BudgetForm({ budget }: { budget: Budget }) {
  const trpc = useTRPC();
  const [amount, setAmount] = useState(budget ? String(budget.monthly_usd) : '');
  const [warn, setWarn] = useState(String(budget?.warn_percent ?? 80));
  const [stop, setStop] = useState(budget?.stop_llm_calls ?? false);
  const [saved, setSaved] = useState<string | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);
  const refresh = useRefresh(trpc.dashboard.pathKey());
  const save = useMutation(trpc.dashboard.setBudget.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.dashboard.removeBudget.mutationOptions({ onSuccess: refresh }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const monthly = Number(amount);
    if (!amount.trim() || !Number.isFinite(monthly) || monthly <= 0) {
      setAmountError('Enter an amount above 0.');
      return;
    }
    setAmountError(null);
    save.mutate({ monthly_usd: monthly, warn_percent: Math.round(Number(warn)), stop_llm_calls: stop }, { onSuccess: () => setSaved('Budget saved.') });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Monthly budget" className="space-y-4">
      <SaveOutcome error={save.error ?? remove.error} saved={saved} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Monthly budget, USD" type="number" min={0} step="any" value={amount} onChange={(e) => setAmount(e.target.value)} error={amountError} />
        <TextField label="Warn from, % of the budget" type="number" min={1} max={100} step={1} value={warn} onChange={(e) => setWarn(e.target.value)} />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={stop} onChange={(e) => setStop(e.target.checked)} className="mt-0.5 h-4 w-4 accent-indigo-600" />
        <span>
          Stop LLM calls when the budget is exceeded
          <span className="block text-zinc-600 dark:text-zinc-400">LLM and agent blocks then fail with budget_exceeded instead of calling the model.</span>
        </span>
      </label>
      <div className="flex justify-end gap-2">
        {budget && (
          <Button type="button" variant="ghost" loading={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => setSaved('Budget removed.') })}>
            Remove budget
          </Button>
        )}
        <Button type="submit" variant="primary" loading={save.isPending}>
          Save budget
        </Button>
      </div>
    </form>
  );
}
