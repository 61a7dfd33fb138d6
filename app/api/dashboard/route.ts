import { readQuery } from '@/server/http/body';
import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { workspaceDashboard } from '@/server/services/dashboard';
import { dashboardQuery } from '@/server/services/dashboard-schemas';

export const dynamic = 'force-dynamic';

export const GET = authedRoute(async (request, caller) => workspaceDashboard(caller, readQuery(request, dashboardQuery)));

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
