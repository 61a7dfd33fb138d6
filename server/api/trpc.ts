import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { authenticate, isSameOrigin, sessionUser, type SessionUser } from '../auth/authenticate';
import { requireRole, type Caller, type Role } from '../auth/caller';
import { ApiError, forbidden, unauthorized } from '../errors';
import { refuseUnstorableText } from '../http/body';
import { toApiError } from '../http/respond';

// The one place tRPC is created: the request context and the procedure builders, so each router says in one word
// who may call it. Services throw ApiError with the contract's code; the formatter hands that code to the UI.

export interface TrpcContext {
  headers: Headers;
  url: string;
  /** Resolved once per request, on first use, so public procedures never touch auth. */
  caller: () => Promise<Caller | null>;
  user: () => Promise<SessionUser | null>;
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}

export function createTrpcContext(opts: { headers: Headers; url: string }): TrpcContext {
  return {
    headers: opts.headers,
    url: opts.url,
    caller: once(() => authenticate(opts.headers)),
    user: once(() => sessionUser(opts.headers)),
  };
}

const TRPC_CODES: Record<number, TRPCError['code']> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
  500: 'INTERNAL_SERVER_ERROR',
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        weftCode: cause instanceof ApiError ? cause.code : error.code === 'BAD_REQUEST' ? 'validation_error' : null,
        details: cause instanceof ApiError ? (cause.details ?? null) : cause instanceof ZodError ? cause.issues : null,
      },
    };
  },
});

/** Turns whatever a service throws into a tRPC error carrying the contract's status and code. */
const contractErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (result.error.code === 'BAD_REQUEST' && cause instanceof ZodError) return result; // input validation
    if (cause instanceof ApiError || cause instanceof ZodError || result.error.code === 'INTERNAL_SERVER_ERROR') {
      const apiError = toApiError(cause ?? result.error);
      throw new TRPCError({ code: TRPC_CODES[apiError.status] ?? 'INTERNAL_SERVER_ERROR', message: apiError.message, cause: apiError });
    }
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** The same refusal of unstorable text (NUL, unpaired surrogates) as the REST layer, before any input reaches a service. */
const noUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  refuseUnstorableText(await getRawInput());
  return next();
});

export const publicProcedure = t.procedure.use(contractErrors).use(noUnstorableText);

/** A signed-in person (browser session), whatever workspace they are in; for account-level actions. */
export const sessionProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const user = await ctx.user();
  if (!user) throw unauthorized();
  if (type === 'mutation' && !isSameOrigin(ctx.headers, ctx.url)) throw forbidden('Cross-origin request refused');
  return next({ ctx: { sessionUser: user } });
});

/** Anyone with a credential (session or API key) for a workspace: reads. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const caller = await ctx.caller();
  if (!caller) throw unauthorized();
  if (caller.via === 'session' && type === 'mutation' && !isSameOrigin(ctx.headers, ctx.url)) {
    throw forbidden('Cross-origin request refused');
  }
  return next({ ctx: { caller } });
});

function roleProcedure(role: Role) {
  return protectedProcedure.use(({ ctx, next }) => {
    requireRole(ctx.caller, role);
    return next();
  });
}

/** Editors and owners: build, run, deploy. */
export const editorProcedure = roleProcedure('editor');
/** Owners: members, API keys, workspace settings. */
export const ownerProcedure = roleProcedure('owner');
