import { readJson } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { budgetInput } from '@/server/services/budget-schemas';
import { budgetStatus, removeBudget, setBudget } from '@/server/services/budgets';

export const dynamic = 'force-dynamic';

// The workspace's monthly budget: anyone in the workspace reads it; only owners set or remove it, as in Settings.

export const GET = authedRoute(async (_request, caller) => budgetStatus(caller));

export const PUT = authedRoute(async (request, caller) => setBudget(caller, await readJson(request, budgetInput)));

export const DELETE = authedRoute(async (_request, caller) => removeBudget(caller));

const notAllowed = methodNotAllowed(['GET', 'PUT', 'DELETE']);
export { notAllowed as POST, notAllowed as PATCH };
