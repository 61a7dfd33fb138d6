'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import { RoleBadge } from '@/components/auth/role-badge';
import { ROLE_DESCRIPTION, ROLE_LABEL, ROLE_OPTIONS, type Role } from '@/components/auth/roles';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyableValue } from '@/components/ui/copy-button';
import { DialogFormActions } from '@/components/ui/dialog-form-actions';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage } from '@/components/ui/errors';
import { SelectField, TextField } from '@/components/ui/field';
import { formatDateTime, Time } from '@/components/ui/time';
import { useTextFieldState } from '@/components/ui/use-text-field-state';
import type { AppRouter } from '@/server/api/root';
import { AccountGate } from './account-gate';
import { CELL, Section, Table } from './section';
import { RevocableList } from './revocable-list';

type CreatedKey = inferRouterOutputs<AppRouter>['apiKeys']['create'];

export function ApiKeysSettings() {
  return (
    <AccountGate>
      {({ role }) =>
        role === 'owner' ? (
          <ApiKeys />
        ) : (
          <Section title="API keys" description="API keys let scripts and other programs call the Weft API on behalf of this workspace.">
            <Alert title="Only workspace owners can manage API keys">
              A key acts for the whole workspace, so creating and revoking keys is reserved to owners. Ask an owner of this workspace if
              you need one.
            </Alert>
          </Section>
        )
      }
    </AccountGate>
  );
}

function ApiKeys() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());

  return (
    <RevocableList
      title="API keys"
      description={
        <>
          Scripts and other programs use API keys to call the Weft API as this workspace, sending{' '}
          <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs dark:bg-zinc-800">Authorization: Bearer &lt;key&gt;</code>. Each key
          has a role, just like a member.
        </>
      }
      createLabel="Create API key"
      query={keys}
      revoke={trpc.apiKeys.revoke}
      what="API keys"
      empty={(startCreating) => (
        <EmptyState
          title="No API keys yet"
          description="Create a key to let a script, a CI job or another service run and manage this workspace's workflows."
          action={
            <Button variant="primary" onClick={startCreating}>
              Create your first API key
            </Button>
          }
        />
      )}
      rows={(rows, askToRevoke) => (
        <Table label="API keys" head={['Name', 'Key', 'Role', 'Created', 'Last used', <span key="a" className="sr-only">Status and actions</span>]}>
          {rows.map((key) => (
            <tr key={key.id} className={key.revoked_at ? 'text-zinc-400 dark:text-zinc-500' : undefined}>
              <td className={`${CELL} font-medium`}>{key.name}</td>
              <td className={`${CELL} font-mono text-xs`}>{key.prefix}…</td>
              <td className={CELL}>
                <RoleBadge role={key.role as Role} />
              </td>
              <td className={CELL}>
                <Time value={key.created_at} />
              </td>
              <td className={CELL}>
                <Time value={key.last_used_at} fallback="Never" />
              </td>
              <td className={`${CELL} text-right`}>
                {key.revoked_at ? (
                  <span title={`Revoked ${formatDateTime(key.revoked_at)}`}>
                    <Badge tone="red">Revoked</Badge>
                  </span>
                ) : (
                  <Button size="sm" variant="ghost" className="text-red-600 dark:text-red-400" onClick={() => askToRevoke(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      create={{
        title: 'Create API key',
        revealTitle: 'Copy your new API key',
        description: 'Name the key after where it will be used, so you know which one to revoke later.',
        reveal: (created: CreatedKey) => <NewApiKey created={created} />,
        form: (props) => <CreateApiKeyForm {...props} />,
      }}
      confirm={{
        title: (key) => `Revoke “${key.name}”?`,
        description: 'Anything using this key is refused (401 Unauthorized) from now on. This cannot be undone: to restore access, create a new key.',
        confirmLabel: 'Revoke key',
      }}
    />
  );
}

function NewApiKey({ created }: { created: CreatedKey }) {
  return (
    <>
      <Alert tone="warning" title="This is the only time the key is shown">
        Copy it now and keep it somewhere safe, such as a password manager. Weft stores only a fingerprint of it, so it cannot be shown again; if you
        lose it, revoke it and create a new one.
      </Alert>
      <div>
        <p className="mb-1.5 text-sm font-medium">
          {created.name} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {ROLE_LABEL[created.role as Role]} role</span>
        </p>
        <CopyableValue value={created.key} label="API key" testId="new-api-key" />
      </div>
    </>
  );
}

function CreateApiKeyForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (key: CreatedKey) => Promise<void> }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.apiKeys.create.mutationOptions());
  const name = useTextFieldState();
  const [role, setRole] = useState<Role>('editor');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.value.trim()) {
      name.setError('Give the key a name.');
      return;
    }
    create.mutate({ name: name.value.trim(), role }, { onSuccess: onCreated });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {create.isError && <Alert tone="error">{errorMessage(create.error)}</Alert>}
      <TextField label="Name" placeholder="e.g. Nightly report script" maxLength={100} {...name.field} />
      <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as Role)} options={ROLE_OPTIONS} hint={ROLE_DESCRIPTION[role]} />
      <DialogFormActions onCancel={onCancel} pending={create.isPending} submitLabel="Create key" />
    </form>
  );
}
