import { z } from 'zod';
import { requireRole, type Caller } from '../auth/caller';
import { db } from '../db';
import { ApiError } from '../errors';
import { builtInPrices } from '../llm/prices';

// The price table people see and edit: the built-in prices, and the workspace's own per model (custom models,
// negotiated rates), which win. Runs price their tokens with both (executions/costs.ts).

const perMillion = z.number().min(0).max(1_000_000);
const modelName = z.string().trim().min(1, 'A model name is required').max(200);
export const setModelPriceInput = z.object({
  model: modelName,
  input_per_million: perMillion,
  output_per_million: perMillion,
  cached_input_per_million: perMillion.nullable().default(null),
});
export const modelPriceRef = z.object({ model: modelName });

export async function listModelPrices(caller: Caller) {
  const prisma = await db();
  const rows = await prisma.modelPrice.findMany({ where: { workspaceId: caller.workspaceId }, orderBy: { model: 'asc' } });
  return {
    workspace: rows.map((r) => ({
      model: r.model,
      input_per_million: r.inputPerMillion,
      output_per_million: r.outputPerMillion,
      cached_input_per_million: r.cachedInputPerMillion,
      updated_at: r.updatedAt.toISOString(),
    })),
    built_in: builtInPrices().map(({ model, rate }) => ({ model, ...rate })),
  };
}

export async function setModelPrice(caller: Caller, input: z.input<typeof setModelPriceInput>) {
  requireRole(caller, 'editor');
  const price = setModelPriceInput.parse(input);
  const data = { inputPerMillion: price.input_per_million, outputPerMillion: price.output_per_million, cachedInputPerMillion: price.cached_input_per_million };
  const prisma = await db();
  await prisma.modelPrice.upsert({
    where: { workspaceId_model: { workspaceId: caller.workspaceId, model: price.model } },
    create: { workspaceId: caller.workspaceId, model: price.model, ...data },
    update: data,
  });
}

export async function deleteModelPrice(caller: Caller, model: string) {
  requireRole(caller, 'editor');
  const prisma = await db();
  const { count } = await prisma.modelPrice.deleteMany({ where: { workspaceId: caller.workspaceId, model } });
  if (count === 0) throw new ApiError('not_found', 'This workspace has no price of its own for that model');
}
