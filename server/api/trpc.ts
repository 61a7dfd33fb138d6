import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { ApiError } from '../errors';

// The one place tRPC is created: the request context, and the procedure builders routers choose from.

export interface TrpcContext {
  headers: Headers;
}

export function createTrpcContext(opts: { headers: Headers }): TrpcContext {
  return { headers: opts.headers };
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
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // The contract's code and details travel to the UI, so it can show problems the same way the API does.
        weftCode: cause instanceof ApiError ? cause.code : error.code === 'BAD_REQUEST' ? 'validation_error' : null,
        details: cause instanceof ApiError ? (cause.details ?? null) : cause instanceof ZodError ? cause.issues : null,
      },
    };
  },
});

/** Turns the services' ApiErrors into tRPC errors with the matching status. */
const apiErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ApiError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODES[cause.status] ?? 'INTERNAL_SERVER_ERROR', message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(apiErrors);
