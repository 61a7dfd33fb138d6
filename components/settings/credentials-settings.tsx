'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { MIN_SECRET_LENGTH } from '@/lib/graph/secrets';
import { roleAtLeast } from '@/components/auth/roles';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { Time } from '@/components/ui/time';
import { AccountGate } from './account-gate';
import { NamedItemsList } from './named-items-list';
import { ReadOnlyNote, Section, SaveOutcome } from './section';
import { useRefresh } from '@/components/ui/use-refresh';

// The same rule the server applies (server/services/credentials.ts), checked here to answer before a round trip.
const CREDENTIAL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

export function CredentialsSettings() {
  return <AccountGate>{({ role }) => <Credentials canEdit={roleAtLeast(role, 'editor')} />}</AccountGate>;
}

function Credentials({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const refresh = useRefresh(trpc.credentials.list.queryKey());
  const [replacing, setReplacing] = useState<{ name: string; at: number } | null>(null);
  const existing = credentials.data?.map((credential) => credential.name) ?? [];

  return (
    <div className="space-y-8">
      {canEdit && (
        <Section
          title="Add a credential"
          description="Values are encrypted and write-only: once saved, nobody can read them back, here or through the API. Only running workflows use them."
        >
          {/* Keyed by the replace request, so "Replace" on a row starts the form afresh with that name. */}
          <CredentialForm key={replacing?.at ?? 'new'} initialName={replacing?.name ?? ''} focusValue={replacing !== null} existing={existing} onSaved={refresh} />
        </Section>
      )}
      <Section title="Credentials" description="Secrets your workflows use, such as OPENAI_API_KEY, by name.">
        {!canEdit && <ReadOnlyNote>Viewers can see which credentials exist, but only editors and owners can add, replace or delete them.</ReadOnlyNote>}
        <NamedItemsList
          query={credentials}
          what="credentials"
          empty={
            <EmptyState
              title="No credentials yet"
              description={
                canEdit
                  ? 'Add API keys and other secrets here so blocks can use them without anyone writing them into a workflow.'
                  : 'Editors and owners can add API keys and other secrets here for workflows to use.'
              }
            />
          }
          columns={[{ head: 'Last updated', cell: (credential) => <Time value={credential.updated_at} /> }]}
          canEdit={canEdit}
          changeLabel="Replace"
          onChange={(credential) => setReplacing({ name: credential.name, at: Date.now() })}
          remove={trpc.credentials.delete}
          confirm={{
            verb: 'Delete',
            noun: 'credential',
            consequence: 'Workflows that use this credential will fail until it is added again. The value cannot be recovered.',
          }}
        />
      </Section>
    </div>
  );
}

function CredentialForm({
  initialName,
  focusValue,
  existing,
  onSaved,
}: {
  initialName: string;
  focusValue: boolean;
  existing: string[];
  onSaved: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.credentials.set.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(initialName);
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<{ name?: string; value?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);
  const replaces = existing.includes(name.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const found = {
      name: !trimmed
        ? 'Enter a name.'
        : CREDENTIAL_NAME.test(trimmed)
          ? undefined
          : 'Use letters, digits and underscores, starting with a letter or underscore (e.g. OPENAI_API_KEY).',
      value: !value
        ? 'Enter the secret value.'
        : value.trim().length < MIN_SECRET_LENGTH
          ? `Use at least ${MIN_SECRET_LENGTH} characters: shorter values cannot be hidden from run logs.`
          : undefined,
    };
    setErrors(found);
    setSaved(null);
    if (found.name || found.value) {
      formRef.current?.querySelector<HTMLInputElement>(found.name ? '[name="name"]' : '[name="value"]')?.focus();
      return;
    }
    save.mutate(
      { name: trimmed, value },
      {
        onSuccess: async () => {
          setSaved(`${replaces ? 'Replaced the value of' : 'Saved'} ${trimmed}.`);
          setName('');
          setValue('');
          await onSaved();
        },
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Add or replace a credential">
      <SaveOutcome error={save.isError ? save.error : null} saved={saved} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          placeholder="OPENAI_API_KEY"
          autoComplete="off"
          spellCheck={false}
          inputClassName="font-mono"
          value={name}
          maxLength={100}
          onChange={(event) => {
            setName(event.target.value);
            setErrors((current) => ({ ...current, name: undefined }));
          }}
          error={errors.name}
          hint={replaces ? 'A credential with this name exists: saving replaces its value.' : 'Letters, digits and underscores.'}
        />
        <TextField
          label="Value"
          name="value"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          autoFocus={focusValue}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setErrors((current) => ({ ...current, value: undefined }));
          }}
          error={errors.value}
          hint={`At least ${MIN_SECRET_LENGTH} characters. Stored encrypted; never shown again.`}
        />
      </div>
      <div className="mt-4 flex justify-end">
        <Button type="submit" variant="primary" loading={save.isPending}>
          {replaces ? 'Replace value' : 'Save credential'}
        </Button>
      </div>
    </form>
  );
}
