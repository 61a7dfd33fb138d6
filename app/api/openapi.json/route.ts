import { publicOrigin } from '@/server/http/origin';
import { methodNotAllowed, publicRoute } from '@/server/http/route';
import { buildOpenApiDocument } from '@/server/openapi/document';

export const GET = publicRoute(async (request) => buildOpenApiDocument(publicOrigin(request.headers, request.url)));

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
