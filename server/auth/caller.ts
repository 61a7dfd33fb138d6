import { forbidden } from '../errors';
import type { Role } from '../db/generated/enums';

export type { Role };

/** Who is asking: every service function takes one and scopes every query by its workspace. */
export interface Caller {
  workspaceId: string;
  role: Role;
  /** The signed-in person, or the person who created the API key. */
  userId: string | null;
  apiKeyId: string | null;
  via: 'session' | 'api_key';
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** The less powerful of two roles: what a key may do when it and its creator disagree. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

function hasRole(caller: Caller, atLeast: Role): boolean {
  return RANK[caller.role] >= RANK[atLeast];
}

/** Throws the contract's 403 when the caller's role is below `atLeast`. */
export function requireRole(caller: Caller, atLeast: Role): void {
  if (!hasRole(caller, atLeast)) {
    throw forbidden(
      atLeast === 'owner'
        ? 'Only workspace owners may do this'
        : 'Viewers can read workflows, executions and logs but cannot change or run anything',
    );
  }
}
