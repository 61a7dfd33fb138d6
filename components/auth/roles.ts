import type { Role } from '@/server/auth/caller';

export type { Role };

const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

export const ROLE_DESCRIPTION: Record<Role, string> = {
  owner: 'Everything editors can do, plus members, API keys and workspace settings.',
  editor: 'Build, run and deploy workflows, and manage credentials.',
  viewer: 'Read workflows, executions and logs; cannot change or run anything.',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }));

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** Whether `role` may do what needs at least `atLeast` (the server checks the same on every request). */
export function roleAtLeast(role: Role | null | undefined, atLeast: Role): boolean {
  return role ? RANK[role] >= RANK[atLeast] : false;
}
