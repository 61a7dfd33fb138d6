import { authedRoute, methodNotAllowed } from '@/server/http/route';
import { exportWorkflow } from '@/server/services/workflows';

export const dynamic = 'force-dynamic';

export const GET = authedRoute<{ id: string }>(async (_request, caller, { id }) => {
  const exported = await exportWorkflow(caller, id);
  const filename = `${exported.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'workflow'}.weft.json`;
  return Response.json(exported, { headers: { 'Content-Disposition': `attachment; filename="${filename}"` } });
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
