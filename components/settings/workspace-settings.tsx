'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { RoleBadge } from '@/components/auth/role-badge';
import { ROLE_DESCRIPTION } from '@/components/auth/roles';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/components/ui/errors';
import { TextField } from '@/components/ui/field';
import { useTextFieldState } from '@/components/ui/use-text-field-state';
import { AccountGate } from './account-gate';
import { BudgetSettings } from './budget-settings';
import { ReadOnlyNote, Section } from './section';

export function WorkspaceSettings() {
  return (
    <AccountGate>
      {({ workspace, role }) => (
        <div className="space-y-8">
          <Section title="Workspace name" description="Everyone in the workspace sees this name in the workspace menu.">
            {role === 'owner' ? (
              // Keyed by workspace, so switching workspaces starts the form from the other one's name.
              <RenameForm key={workspace.id} currentName={workspace.name} />
            ) : (
              <>
                <ReadOnlyNote>Only owners can rename the workspace.</ReadOnlyNote>
                <p className="text-sm font-medium">{workspace.name}</p>
              </>
            )}
          </Section>
          <Section title="Monthly budget" description="What model calls may cost per calendar month (UTC), from the runs' cost. The dashboard and the run panel warn from the share you choose.">
            <BudgetSettings canEdit={role === 'owner'} />
          </Section>
          <Section title="Your role">
            <div className="flex items-start gap-3 text-sm">
              <RoleBadge role={role} />
              <p className="text-zinc-600 dark:text-zinc-400">{ROLE_DESCRIPTION[role]}</p>
            </div>
          </Section>
        </div>
      )}
    </AccountGate>
  );
}

function RenameForm({ currentName }: { currentName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const name = useTextFieldState(currentName, () => setSaved(false));
  const rename = useMutation(
    trpc.account.renameWorkspace.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
      },
    }),
  );
  const unchanged = name.value.trim() === currentName;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!name.value.trim()) {
      name.setError('The workspace needs a name.');
      return;
    }
    rename.mutate({ name: name.value.trim() });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {rename.isError && <Alert tone="error">{errorMessage(rename.error)}</Alert>}
      {saved && !rename.isError && <Alert tone="success">Workspace renamed.</Alert>}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField label="Name" className="flex-1" maxLength={100} {...name.field} />
        <Button type="submit" variant="primary" loading={rename.isPending} disabled={unchanged} className="sm:mt-7">
          Save
        </Button>
      </div>
    </form>
  );
}
