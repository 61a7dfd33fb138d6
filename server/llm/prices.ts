import type { TokenUsage } from '../run-capabilities';
import { parseModelString } from './providers';

// What model tokens cost, in USD per million tokens, as the providers list them (checked 2026-11). Cached input is
// what a prompt-cache hit is billed at. Keep this beside `models.ts`: a model added to the picker gets its price
// here. Workspaces set their own prices (Settings → Model prices) for custom models or negotiated rates; theirs win.

export interface ModelPriceRate {
  input_per_million: number;
  output_per_million: number;
  /** null: cached input tokens cost the same as other input tokens. */
  cached_input_per_million: number | null;
}

const rate = (input: number, output: number, cached: number | null): ModelPriceRate => ({
  input_per_million: input,
  output_per_million: output,
  cached_input_per_million: cached,
});

/** By the model id as its vendor names it; the OpenAI Responses and Chat Completions providers share OpenAI's. */
const VENDOR_PRICES: Record<'openai' | 'anthropic', Record<string, ModelPriceRate>> = {
  openai: {
    'gpt-4o-mini': rate(0.15, 0.6, 0.075),
    'gpt-4o': rate(2.5, 10, 1.25),
    'gpt-4.1-nano': rate(0.1, 0.4, 0.025),
    'gpt-4.1-mini': rate(0.4, 1.6, 0.1),
    'gpt-4.1': rate(2, 8, 0.5),
    'gpt-5-nano': rate(0.05, 0.4, 0.005),
    'gpt-5-mini': rate(0.25, 2, 0.025),
    'gpt-5': rate(1.25, 10, 0.125),
    'o4-mini': rate(1.1, 4.4, 0.275),
    o3: rate(2, 8, 0.5),
  },
  anthropic: {
    'claude-haiku-4-5': rate(1, 5, 0.1),
    'claude-sonnet-4-5': rate(3, 15, 0.3),
    'claude-sonnet-4': rate(3, 15, 0.3),
    'claude-opus-4-1': rate(15, 75, 1.5),
    'claude-opus-4': rate(15, 75, 1.5),
    'claude-3-5-haiku-latest': rate(0.8, 4, 0.08),
  },
};

/** Local models bill nothing per token. */
const FREE = rate(0, 0, null);

/** The built-in table as `provider/model` rows, for the settings page. */
export function builtInPrices(): { model: string; rate: ModelPriceRate }[] {
  return Object.entries(VENDOR_PRICES).flatMap(([vendor, models]) => Object.entries(models).map(([model, r]) => ({ model: `${vendor}/${model}`, rate: r })));
}

/**
 * The price of a model as a block names it: the workspace's own price for that exact string, then for
 * `provider/model` or the bare model id, then the built-in table; null when nobody knows it.
 */
export function priceOf(model: string, workspacePrices: ReadonlyMap<string, ModelPriceRate>): ModelPriceRate | null {
  let ref;
  try {
    ref = parseModelString(model);
  } catch {
    return null;
  }
  const own = workspacePrices.get(model.trim()) ?? workspacePrices.get(`${ref.provider}/${ref.modelId}`) ?? workspacePrices.get(ref.modelId);
  if (own) return own;
  if (ref.provider === 'ollama') return FREE;
  const vendor = ref.provider === 'anthropic' ? 'anthropic' : ref.provider === 'openai' || ref.provider === 'openai-chat' ? 'openai' : null;
  return vendor ? (VENDOR_PRICES[vendor][ref.modelId] ?? null) : null;
}

/** USD for the tokens at that rate; cached input tokens are part of `input_tokens`, billed at the cached rate. */
export function costOf(usage: TokenUsage, price: ModelPriceRate): number {
  const cached = Math.min(usage.cached_input_tokens ?? 0, usage.input_tokens);
  const cachedRate = price.cached_input_per_million ?? price.input_per_million;
  const micro = (usage.input_tokens - cached) * price.input_per_million + cached * cachedRate + usage.output_tokens * price.output_per_million;
  return micro / 1_000_000;
}
