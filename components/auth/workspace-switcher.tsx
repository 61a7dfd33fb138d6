'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { DialogFormActions } from '@/components/ui/dialog-form-actions';
import { errorMessage } from '@/components/ui/errors';
import { TextField } from '@/components/ui/field';
import { ChevronDownIcon } from '@/components/ui/icons';
import { Menu, MenuItem, MenuLabel, MenuSeparator } from '@/components/ui/menu';
import { Spinner } from '@/components/ui/spinner';
import { useTextFieldState } from '@/components/ui/use-text-field-state';
import { TruncatedText } from '@/components/ui/truncated-text';
import { RoleBadge } from './role-badge';
import { ROLE_LABEL } from './roles';
import { useAccount } from './use-account';

/**
 * Re-reads everything for the workspace the session now points at. A page of one workflow belongs to the old
 * workspace, so from there go back to the list.
 */
function useAfterWorkspaceChange() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  return async () => {
    await queryClient.invalidateQueries();
    if (/^\/workflows\/.+/.test(pathname)) router.push('/workflows');
    router.refresh();
  };
}

/** The header's workspace menu: where you are and as what, the other workspaces you belong to, and a new one. */
export function WorkspaceSwitcher() {
  const trpc = useTRPC();
  const { query, pending, failed, me, workspace, role } = useAccount();
  const afterChange = useAfterWorkspaceChange();
  const [creating, setCreating] = useState(false);
  const switchWorkspace = useMutation(trpc.account.switchWorkspace.mutationOptions({ onSuccess: afterChange }));

  if (pending) {
    return (
      <span role="status" className="inline-flex h-8 items-center gap-2 rounded-md px-2 text-sm text-zinc-500 dark:text-zinc-400">
        <Spinner className="h-3.5 w-3.5" />
        <span className="sr-only">Loading your workspace</span>
        <span aria-hidden className="h-3 w-28 rounded bg-zinc-200 dark:bg-zinc-800" />
      </span>
    );
  }
  if (!me || !workspace || !role) {
    return failed ? (
      <Button size="sm" variant="ghost" onClick={() => query.refetch()}>
        Workspace unavailable · Retry
      </Button>
    ) : null;
  }

  return (
    <div className="flex min-w-0 items-center gap-2">
      <Menu
        testId="workspace-switcher"
        align="start"
        label={`Workspace: ${workspace.name}, ${ROLE_LABEL[role]}. Switch workspace`}
        buttonClassName="flex h-8 max-w-[13rem] min-w-0 sm:max-w-[22rem] items-center gap-2 rounded-md px-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
        button={
          <>
            <span className="truncate font-medium">{workspace.name}</span>
            <RoleBadge role={role} />
            {switchWorkspace.isPending ? <Spinner className="h-3.5 w-3.5 shrink-0" /> : <ChevronDownIcon className="h-4 w-4 shrink-0 text-zinc-400" />}
          </>
        }
      >
        <MenuLabel>Your workspaces</MenuLabel>
        {me.workspaces.map((w) => (
          <MenuItem
            key={w.id}
            checked={w.id === workspace.id}
            onSelect={() => {
              if (w.id !== workspace.id) switchWorkspace.mutate({ workspace_id: w.id });
            }}
          >
            <TruncatedText className="min-w-0 flex-1">{w.name}</TruncatedText>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{ROLE_LABEL[w.role]}</span>
          </MenuItem>
        ))}
        <MenuSeparator />
        <MenuItem onSelect={() => setCreating(true)}>
          <span aria-hidden className="w-4 text-center text-zinc-400">
            +
          </span>
          New workspace…
        </MenuItem>
      </Menu>
      {switchWorkspace.isError && (
        <span role="alert" className="truncate text-xs text-red-600 dark:text-red-400">
          Could not switch: {errorMessage(switchWorkspace.error)}
        </span>
      )}
      <NewWorkspaceDialog open={creating} onClose={() => setCreating(false)} onCreated={afterChange} />
    </div>
  );
}

function NewWorkspaceDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => Promise<void> }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New workspace"
      description="A separate space with its own workflows, members, API keys and credentials. You will be its owner, and Weft switches to it."
    >
      <NewWorkspaceForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewWorkspaceForm({ onClose, onCreated }: { onClose: () => void; onCreated: () => Promise<void> }) {
  const trpc = useTRPC();
  const name = useTextFieldState();
  const create = useMutation(trpc.account.createWorkspace.mutationOptions());

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.value.trim()) {
      name.setError('Give the workspace a name.');
      return;
    }
    create.mutate(
      { name: name.value.trim() },
      {
        onSuccess: async () => {
          await onCreated();
          onClose();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {create.isError && (
        <div className="mb-4">
          <Alert tone="error">{errorMessage(create.error)}</Alert>
        </div>
      )}
      <TextField label="Workspace name" placeholder="e.g. Marketing automations" maxLength={100} {...name.field} />
      <DialogFormActions onCancel={onClose} pending={create.isPending} submitLabel="Create workspace" />
    </form>
  );
}
