// How a block's model string names its provider, shared by the engine (which calls the provider) and the editor
// (which warns when that provider has no key): `provider/model` when the part before the first slash is a provider
// Weft knows, otherwise the whole string is a model of the default provider (so `meta-llama/Llama-3.1-8B` works
// with an OpenAI-compatible default).

export interface ModelStringParts<P extends string> {
  provider: P;
  /** The model name as the provider knows it (may itself contain slashes). Empty when the string names none. */
  modelId: string;
}

/** `providerOf` maps the text before the first slash (any case) to a provider id, or null when it names none. */
export function splitModelString<P extends string>(model: string, providerOf: (prefix: string) => P | null, defaultProvider: P): ModelStringParts<P> {
  const trimmed = model.trim();
  const slash = trimmed.indexOf('/');
  const provider = slash > 0 ? providerOf(trimmed.slice(0, slash).toLowerCase()) : null;
  return provider ? { provider, modelId: trimmed.slice(slash + 1).trim() } : { provider: defaultProvider, modelId: trimmed };
}
