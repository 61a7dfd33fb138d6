'use client';

import { useState, type FormEvent } from 'react';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { RoleBadge } from '@/components/auth/role-badge';
import { ROLE_DESCRIPTION, ROLE_LABEL, ROLE_OPTIONS, type Role } from '@/components/auth/roles';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyableValue } from '@/components/ui/copy-button';
import { DialogFormActions } from '@/components/ui/dialog-form-actions';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { Time } from '@/components/ui/time';
import { useTextFieldState } from '@/components/ui/use-text-field-state';
import type { AppRouter } from '@/server/api/root';
import { AccountGate } from './account-gate';
import { Section } from './section';
import type { CreateFormProps } from './reveal-once-dialog';
import { RevocableList } from './revocable-list';

type CreatedKey = inferRouterOutputs<AppRouter>['apiKeys']['create'];

export function ApiKeysSettings() {
  const trpc = useTRPC();
  return (
    <AccountGate>
      {({ role }) =>
        role === 'owner' ? (
          <RevocableList
            title="API keys"
            description={
              <>
                Scripts and other programs use API keys to call the Weft API as this workspace, sending{' '}
                <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs dark:bg-zinc-800">Authorization: Bearer &lt;key&gt;</code>. Each key
                has a role, just like a member.
              </>
            }
            noun="API key"
            procedures={trpc.apiKeys}
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
            columns={[
              { head: 'Name', cell: (key) => key.name, className: 'font-medium' },
              { head: 'Key', cell: (key) => `${key.prefix}…`, className: 'font-mono text-xs' },
              { head: 'Role', cell: (key) => <RoleBadge role={key.role as Role} /> },
              { head: 'Created', cell: (key) => <Time value={key.created_at} /> },
              { head: 'Last used', cell: (key) => <Time value={key.last_used_at} fallback="Never" /> },
            ]}
            itemName={(key) => `“${key.name}”`}
            createHint="Name the key after where it will be used, so you know which one to revoke later."
            form={CreateApiKeyForm}
            reveal={NewApiKey}
            revokeWarning="Anything using this key is refused (401 Unauthorized) from now on. This cannot be undone: to restore access, create a new key."
          />
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

/** The new key's name and role; creating it is up to the dialog. */
function CreateApiKeyForm({ submit, pending, onCancel }: CreateFormProps<inferRouterInputs<AppRouter>['apiKeys']['create']>) {
  const name = useTextFieldState();
  const [role, setRole] = useState<Role>('editor');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.value.trim()) {
      name.setError('Give the key a name.');
      return;
    }
    submit({ name: name.value.trim(), role });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField label="Name" placeholder="e.g. Nightly report script" maxLength={100} {...name.field} />
      <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as Role)} options={ROLE_OPTIONS} hint={ROLE_DESCRIPTION[role]} />
      <DialogFormActions onCancel={onCancel} pending={pending} submitLabel="Create key" />
    </form>
  );
}
