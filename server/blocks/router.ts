import { z } from 'zod';
import { selectHint } from './common';
import { runScript } from './script';
import { defineBlock } from './types';

const DEFAULT_ROUTE = 'default';

const routeSchema = z.strictObject({
  /** The route's handle: edges leaving the router through it carry it as `sourceHandle`. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"')
    .refine((id) => id !== DEFAULT_ROUTE, `"${DEFAULT_ROUTE}" is the route taken when none matches; choose another id`),
  /** A JavaScript expression over the upstream outputs, like a condition block's. */
  condition: z.string().refine((condition) => condition.trim() !== '', 'must not be empty'),
});

const routesSchema = z
  .array(routeSchema)
  .min(1)
  .max(32)
  .superRefine((routes, ctx) => {
    const seen = new Set<string>();
    routes.forEach((route, index) => {
      if (seen.has(route.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `must be unique ("${route.id}" is used twice)` });
      seen.add(route.id);
    });
  });

/** Picks one of several named branches (or every matching one), with a default branch when none matches. */
export const routerBlock = defineBlock({
  type: 'router',
  label: 'Router',
  description: 'Sends the run down the first (or every) route whose condition holds, else down "default".',
  icon: 'split',
  category: 'logic',
  contained: true,
  config: {
    routes: routesSchema,
    mode: z.enum(['first', 'all']).default('first'),
  },
  sourceHandlesFrom: { field: 'routes', key: 'id' },
  sourceHandles: [{ id: DEFAULT_ROUTE, tone: 'neutral' }],
  branch: { outputField: 'routes' },
  summary: { parts: [{ field: 'routes', format: 'ids' }, { field: 'mode', prefix: 'match ', fallback: 'first' }] },
  outputs: { fields: ['routes'] },
  defaults: { routes: [{ id: 'yes', condition: 'true' }], mode: 'first' },
  async run(context) {
    const taken: string[] = [];
    for (const route of context.config.routes) {
      if (!(await runScript(context, route.condition, 'expression'))) continue;
      taken.push(route.id);
      if (context.config.mode === 'first') break;
    }
    return { routes: taken.length > 0 ? taken : [DEFAULT_ROUTE] };
  },
  fieldHints: {
    routes: {
      widget: 'json',
      label: 'Routes',
      help: 'A list of {"id", "condition"}: each id is a branch (an output of the block), each condition a JavaScript expression over the upstream outputs.',
    },
    mode: selectHint('Take', { first: 'The first route that matches', all: 'Every route that matches' }),
  },
});
