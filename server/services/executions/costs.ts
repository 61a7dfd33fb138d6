import type { PrismaClient } from '../../db/generated/client';
import type { BlockLogRecord } from '../../engine/run-graph';
import { costOf, priceOf, type ModelPriceRate } from '../../llm/prices';

// What an execution costs as it runs: each block's tokens at its model's price, summed. A block that used tokens
// of a model nobody priced makes its cost, and so the execution's, unknown (null) rather than silently low.

export interface CostMeter {
  /** The finished block's cost, counted into the total. */
  block(log: Pick<BlockLogRecord, 'usage' | 'input'>): Promise<number | null>;
  /** A block an earlier attempt recorded, counted into the total. */
  count(costUsd: number | null): void;
  total(): number | null;
}

async function workspacePrices(prisma: PrismaClient, workspaceId: string): Promise<Map<string, ModelPriceRate>> {
  const rows = await prisma.modelPrice.findMany({ where: { workspaceId } });
  return new Map(
    rows.map((r) => [r.model, { input_per_million: r.inputPerMillion, output_per_million: r.outputPerMillion, cached_input_per_million: r.cachedInputPerMillion }]),
  );
}

/** The model a block's rendered config names, if any. */
function modelOf(config: unknown): string | null {
  const model = typeof config === 'object' && config !== null ? (config as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : null;
}

/** The workspace's own prices are read once, when the first block that used tokens finishes. */
export function costMeter(prisma: PrismaClient, workspaceId: string): CostMeter {
  let prices: Promise<Map<string, ModelPriceRate>> | null = null;
  let sum = 0;
  let unknown = false;
  const count = (cost: number | null) => {
    if (cost === null) unknown = true;
    else sum += cost;
  };
  return {
    async block(log) {
      if (!log.usage) return 0;
      const model = modelOf(log.input);
      prices ??= workspacePrices(prisma, workspaceId);
      const price = model === null ? null : priceOf(model, await prices);
      const cost = price ? costOf(log.usage, price) : null;
      count(cost);
      return cost;
    },
    count,
    total: () => (unknown ? null : sum),
  };
}
