'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { roleAtLeast } from '@/components/auth/roles';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { AccountGate } from './account-gate';
import { QueryList } from './query-list';
import { CELL, ReadOnlyNote, Section, Table, SaveOutcome } from './section';
import { useRefresh } from '@/components/ui/use-refresh';

// What model tokens cost, in USD per million tokens: the workspace's own prices (custom models, negotiated rates)
// over the built-in table. Runs use them for cost_usd.

const usd = (value: number | null) => (value === null ? '—' : `$${value}`);

/** A price's model and its three rates, as table cells. */
function PriceCells({ row }: { row: { model: string; input_per_million: number; cached_input_per_million: number | null; output_per_million: number } }) {
  return (
    <>
      <td className={`${CELL} font-mono text-sm`}>{row.model}</td>
      <td className={CELL}>{usd(row.input_per_million)}</td>
      <td className={CELL}>{usd(row.cached_input_per_million)}</td>
      <td className={CELL}>{usd(row.output_per_million)}</td>
    </>
  );
}

export function ModelPricesSettings() {
  return <AccountGate>{({ role }) => <ModelPrices canEdit={roleAtLeast(role, 'editor')} />}</AccountGate>;
}

function ModelPrices({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const own = useQuery({ ...trpc.modelPrices.list.queryOptions(), select: (data) => data.workspace });
  const builtIn = useQuery({ ...trpc.modelPrices.list.queryOptions(), select: (data) => data.built_in });
  const refresh = useRefresh(trpc.modelPrices.list.queryKey());
  const remove = useMutation(trpc.modelPrices.delete.mutationOptions({ onSuccess: refresh }));
  const head = ['Model', 'Input', 'Cached input', 'Output'];

  return (
    <div className="space-y-8">
      {canEdit && (
        <Section title="Set a price" description="USD per million tokens. A price set here wins over the built-in one for the same model.">
          <PriceForm onSaved={refresh} />
        </Section>
      )}
      <Section title="This workspace's prices" description="Models are named as blocks name them: provider/model (e.g. openai-compatible/llama-3.1-70b), or a bare model name.">
        {!canEdit && <ReadOnlyNote>Only editors and owners can change prices.</ReadOnlyNote>}
        <QueryList query={own} what="model prices" empty={<EmptyState title="No prices of your own" description="Runs of models without a price show their cost as unknown." />}>
          {(rows) => (
            <Table label="This workspace's prices" head={[...head, ...(canEdit ? [<span key="a" className="sr-only">Actions</span>] : [])]}>
              {rows.map((row) => (
                <tr key={row.model}>
                  <PriceCells row={row} />
                  {canEdit && (
                    <td className={`${CELL} text-right`}>
                      <Button size="sm" variant="ghost-danger" onClick={() => remove.mutate({ model: row.model })}>
                        Delete<span className="sr-only"> the price of {row.model}</span>
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </Table>
          )}
        </QueryList>
      </Section>
      <Section title="Built-in prices" description="The providers' list prices, kept with Weft's releases.">
        <QueryList query={builtIn} what="built-in prices" empty={null}>
          {(rows) => (
            <Table label="Built-in prices" head={head}>
              {rows.map((row) => (
                <tr key={row.model}>
                  <PriceCells row={row} />
                </tr>
              ))}
            </Table>
          )}
        </QueryList>
      </Section>
    </div>
  );
}

function PriceForm({ onSaved }: { onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.modelPrices.set.mutationOptions());
  const [values, setValues] = useState({ model: '', input: '', cached: '', output: '' });
  const [saved, setSaved] = useState<string | null>(null);
  const field = (key: keyof typeof values) => ({
    name: key,
    value: values[key],
    onChange: (event: { target: { value: string } }) => setValues((current) => ({ ...current, [key]: event.target.value })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const model = values.model.trim();
    save.mutate(
      {
        model,
        input_per_million: Number(values.input),
        output_per_million: Number(values.output),
        cached_input_per_million: values.cached.trim() === '' ? null : Number(values.cached),
      },
      {
        onSuccess: async () => {
          setSaved(`Saved the price of ${model}.`);
          setValues({ model: '', input: '', cached: '', output: '' });
          await onSaved();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} aria-label="Set a model price">
      <SaveOutcome error={save.isError ? save.error : null} saved={saved} />
      <div className="grid gap-4 sm:grid-cols-4">
        <TextField label="Model" required placeholder="openai-compatible/my-model" inputClassName="font-mono" spellCheck={false} {...field('model')} />
        <TextField label="Input, $ per 1M" required type="number" min={0} step="any" {...field('input')} />
        <TextField label="Cached input, $ per 1M" type="number" min={0} step="any" hint="Empty: as input" {...field('cached')} />
        <TextField label="Output, $ per 1M" required type="number" min={0} step="any" {...field('output')} />
      </div>
      <div className="mt-4 flex justify-end">
        <Button type="submit" variant="primary" loading={save.isPending}>
          Save price
        </Button>
      </div>
    </form>
  );
}
