// Language models for the llm and agent blocks: providers, credentials, errors, JSON replies, the agent's tools.
export { FREE_TEXT_MODELS_ALLOWED, curatedModelStrings, llmProviderIds, llmProviders, type LlmProviderId, type LlmProviderInfo } from './models';
export { parseModelString, resolveModel, type ModelRef, type ResolvedModel } from './providers';
export { readSetting, requireSetting, whereToSet, type ProviderSetting, type ProviderSettingName } from './settings';
export { MAX_RETRY_AFTER_MS, providerError, retryAfterMs, scrubDeep, scrubSecrets } from './errors';
export { JSON_INSTRUCTION, parseJsonReply, readJsonReply, withJsonInstruction } from './json';
export { runModel, type ModelRunOptions, type ModelRunResult, type ModelStep, type StepToolCall, type StepToolResult } from './run';
export { BUILTIN_TOOL_NAMES, buildAgentTools, type AgentToolConfig, type AgentTools, type BuiltinToolName } from './tools';
