'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { useState, type FormEvent } from 'react';
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
import { Select, SelectField } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { formatDateTime, Time } from '@/components/ui/time';
import type { AppRouter } from '@/server/api/root';
import { AccountGate, type SignedInAccount } from './account-gate';
import { ConfirmItemDialog } from './confirm-item-dialog';
import { QueryList } from './query-list';
import { CELL, ReadOnlyNote, Section, Table } from './section';
import type { CreateFormProps } from './reveal-once-dialog';
import { RevocableList } from './revocable-list';

type Outputs = inferRouterOutputs<AppRouter>;
type Member = Outputs['members']['list'][number];
type CreatedInvitation = Outputs['invitations']['create'];

const EXPIRY_OPTIONS = [
  { value: '24', label: '1 day' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
];

export function MembersSettings() {
  return (
    <AccountGate>
      {(account) => (
        <div className="space-y-8">
          <Members account={account} />
          {account.role === 'owner' && <Invitations />}
        </div>
      )}
    </AccountGate>
  );
}

type RoleChange = { member: Member; role: Role };

function Members({ account }: { account: SignedInAccount }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions());
  const isOwner = account.role === 'owner';
  const myId = account.me.user.id;
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [demotingMyself, setDemotingMyself] = useState<RoleChange | null>(null);

  // Own role or membership may change too, and with it the header and what this page offers.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
    ]);
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions());

  function requestRoleChange(member: Member, role: Role) {
    if (role === member.role) return;
    if (member.user_id === myId && member.role === 'owner') setDemotingMyself({ member, role });
    else {
      setError(null);
      changeRole.mutate({ user_id: member.user_id, role }, { onError: (caught) => setError(errorMessage(caught)) });
    }
  }

  const removingMyself = removing?.user_id === myId;

  return (
    <Section
      title="Members"
      description={
        <>
          People in <span className="font-medium text-zinc-900 dark:text-zinc-100">{account.workspace.name}</span>. Owners manage members, API keys and
          settings; editors build and run workflows; viewers can only look.
        </>
      }
    >
      {!isOwner && <ReadOnlyNote>Only owners can change roles, remove members or invite people.</ReadOnlyNote>}
      {error && <DismissibleError message={error} onDismiss={() => setError(null)} />}
      <QueryList query={members} what="members">
        {(rows) => (
          <Table label="Members" head={['Name', 'Email', 'Role', 'Joined', ...(isOwner ? [<span key="a" className="sr-only">Actions</span>] : [])]}>
            {rows.map((member) => {
              const saving = changeRole.isPending && changeRole.variables?.user_id === member.user_id;
              return (
                <MemberRow
                  key={member.user_id}
                  member={member}
                  isMe={member.user_id === myId}
                  canManage={isOwner}
                  savingRole={saving ? changeRole.variables?.role : undefined}
                  onRoleChange={(role) => requestRoleChange(member, role)}
                  onRemove={() => setRemoving(member)}
                />
              );
            })}
          </Table>
        )}
      </QueryList>

      <ConfirmItemDialog
        item={removing}
        onClose={() => setRemoving(null)}
        title={removingMyself ? `Leave ${account.workspace.name}?` : `Remove ${removing?.name ?? ''}?`}
        description={
          removingMyself
            ? 'You lose access to this workspace right away; an owner can invite you back.'
            : `${removing?.name ?? 'They'} loses access to ${account.workspace.name} right away. Workflows they built stay in the workspace.`
        }
        confirmLabel={removingMyself ? 'Leave workspace' : 'Remove member'}
        onConfirm={async (member) => {
          await remove.mutateAsync({ user_id: member.user_id });
          if (removingMyself) await queryClient.invalidateQueries();
          else await refresh();
        }}
      />
      <ConfirmItemDialog
        item={demotingMyself}
        onClose={() => setDemotingMyself(null)}
        tone="primary"
        title={`Make yourself ${demotingMyself ? ROLE_LABEL[demotingMyself.role].toLowerCase() : ''}?`}
        description="You will no longer be an owner here: you will not be able to manage members, API keys or workspace settings unless another owner makes you owner again."
        confirmLabel="Change my role"
        onConfirm={async (change) => {
          setError(null);
          await changeRole.mutateAsync({ user_id: change.member.user_id, role: change.role });
        }}
      />
    </Section>
  );
}

function DismissibleError({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="mb-4">
      <Alert
        tone="error"
        action={
          <Button size="sm" variant="ghost" onClick={onDismiss} aria-label="Dismiss error">
            Dismiss
          </Button>
        }
      >
        {message}
      </Alert>
    </div>
  );
}

/** One member; owners (`canManage`) change the role in place and remove, the rest see the role. */
function MemberRow({
  member,
  isMe,
  canManage,
  savingRole,
  onRoleChange,
  onRemove,
}: {
  member: Member;
  isMe: boolean;
  canManage: boolean;
  /** The role being saved for this member, while it is. */
  savingRole: Role | undefined;
  onRoleChange: (role: Role) => void;
  onRemove: () => void;
}) {
  const saving = savingRole !== undefined;
  return (
    <tr>
      <td className={`${CELL} font-medium`}>
        {member.name}
        {isMe && (
          <span className="ml-2">
            <Badge>You</Badge>
          </span>
        )}
      </td>
      <td className={`${CELL} text-zinc-600 dark:text-zinc-400`}>{member.email}</td>
      <td className={CELL}>
        {canManage ? (
          <span className="inline-flex items-center gap-2">
            <Select
              aria-label={`Role of ${member.name}`}
              value={savingRole ?? member.role}
              disabled={saving}
              onChange={(event) => onRoleChange(event.target.value as Role)}
              options={ROLE_OPTIONS}
            />
            {saving && (
              <span role="status" className="inline-flex items-center gap-1 text-xs text-zinc-500">
                <Spinner className="h-3 w-3" /> Saving…
              </span>
            )}
          </span>
        ) : (
          <RoleBadge role={member.role} />
        )}
      </td>
      <td className={CELL}>
        <Time value={member.joined_at} />
      </td>
      {canManage && (
        <td className={`${CELL} text-right`}>
          <Button size="sm" variant="ghost-danger" onClick={onRemove}>
            {isMe ? 'Leave' : 'Remove'}
            <span className="sr-only"> {member.name}</span>
          </Button>
        </td>
      )}
    </tr>
  );
}

function Invitations() {
  const trpc = useTRPC();
  return (
    <RevocableList
      title="Invitations"
      description="Invite people with a link: anyone who opens it can join once, with the role you choose, until it expires. Weft sends no email, so send the link yourself."
      noun="invitation link"
      procedures={trpc.invitations}
      empty={() => <EmptyState title="No pending invitations" description="Links you create show here until someone uses them, they expire or you revoke them." />}
      columns={[
        { head: 'Role', cell: (invitation) => <RoleBadge role={invitation.role} /> },
        { head: 'Created', cell: (invitation) => <Time value={invitation.created_at} /> },
        { head: 'Expires', cell: (invitation) => <Time value={invitation.expires_at} /> },
      ]}
      itemName={(invitation) => `the ${ROLE_LABEL[invitation.role].toLowerCase()} invitation created ${formatDateTime(invitation.created_at)}`}
      createHint="Choose what the person can do once they join and how long the link stays valid."
      form={CreateInvitationForm}
      reveal={NewInvitationLink}
      revokeWarning="The link stops working right away. People who already joined through other links are not affected."
    />
  );
}

function NewInvitationLink({ created }: { created: CreatedInvitation }) {
  return (
    <>
      <Alert tone="warning" title="This link is shown only once">
        Copy it now and send it to the person you are inviting. It works once, to join as <strong>{ROLE_LABEL[created.role].toLowerCase()}</strong>,
        until {formatDateTime(created.expires_at)}.
      </Alert>
      <CopyableValue value={`${window.location.origin}${created.path}`} label="invitation link" testId="invite-link" />
    </>
  );
}

/** The invitation's role and how long its link lasts; creating it is up to the dialog. */
function CreateInvitationForm({ submit, pending, onCancel }: CreateFormProps<inferRouterInputs<AppRouter>['invitations']['create']>) {
  const [role, setRole] = useState<Role>('editor');
  const [hours, setHours] = useState('168');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ role, expires_in_hours: Number(hours) });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as Role)} options={ROLE_OPTIONS} hint={ROLE_DESCRIPTION[role]} />
      <SelectField label="Link expires after" value={hours} onChange={(event) => setHours(event.target.value)} options={EXPIRY_OPTIONS} />
      <DialogFormActions onCancel={onCancel} pending={pending} submitLabel="Create link" />
    </form>
  );
}
