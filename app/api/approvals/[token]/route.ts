import { readJson } from '@/server/http/body';
import { methodNotAllowed, publicRoute } from '@/server/http/route';
import { approvalLinkDecision } from '@/server/services/execution-schemas';
import { decideByLink } from '@/server/services/executions/approval-links';

export const dynamic = 'force-dynamic';

// The signed token is the credential: no session or key. GET is refused so that opening or previewing the link
// never decides anything (the page at /approve/{token} is what people open).
export const POST = publicRoute<{ token: string }>(async (request, { token }) => decideByLink(token, await readJson(request, approvalLinkDecision)));

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
