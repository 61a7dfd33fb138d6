import { Output, stepCountIs, streamText, type LanguageModelUsage, type ToolSet } from 'ai';
import { addUsage, BlockError, type RunCapabilities, type TokenUsage } from '../run-capabilities';
import { providerError, scrubDeep, scrubSecrets } from './errors';
import type { ResolvedModel } from './providers';

// One model run for the llm and agent blocks: streamText with the block's signal, no SDK retries (the block's
// retry settings are the only ones), text streamed as block chunks, and every step logged and recorded.

// Warnings (an unsupported setting…) go to the block log instead of the server's console.
globalThis.AI_SDK_LOG_WARNINGS = false;

/** The longest a value is shown in one block log line. */
const MAX_LOGGED_CHARS = 2_000;

interface StepToolCall {
  id: string;
  tool: string;
  arguments: unknown;
}

type StepToolResult = { id: string; tool: string; output: unknown } | { id: string; tool: string; error: string };

/** One model call of a run and the tool calls it made, as the agent block returns them in `steps`. */
export interface ModelStep {
  /** 1 for the first model call. */
  step: number;
  /** What the model wrote in this step. */
  text: string;
  tool_calls: StepToolCall[];
  tool_results: StepToolResult[];
  /** `stop`, `tool-calls`, `length`, `content-filter`… */
  finish_reason: string;
  usage: TokenUsage;
}

export interface ModelRunOptions {
  context: Pick<RunCapabilities, 'signal' | 'log' | 'chunk' | 'addUsage' | 'checkModelBudget'>;
  model: ResolvedModel;
  instructions?: string;
  prompt: string;
  temperature?: number;
  maxOutputTokens?: number;
  /** Switch on the provider's JSON mode (the caller adds the instruction and parses). */
  jsonMode?: boolean;
  tools?: ToolSet;
  /** Most model calls (default 1). */
  maxSteps?: number;
  /** Write each step's text to the block log too (the agent does; the llm block's text is its output). */
  logStepText?: boolean;
}

export interface ModelRunResult {
  /** The text of the final step. */
  text: string;
  usage: TokenUsage;
  steps: ModelStep[];
}

function tokenUsage(usage: LanguageModelUsage | undefined): TokenUsage {
  const counted = { input_tokens: usage?.inputTokens ?? 0, output_tokens: usage?.outputTokens ?? 0 };
  const cached = usage?.inputTokenDetails?.cacheReadTokens ?? 0;
  return cached > 0 ? { ...counted, cached_input_tokens: cached } : counted;
}

function shorten(text: string, max = MAX_LOGGED_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}… (${text.length} characters)` : text;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** What the run fails with once its signal fired: the engine's own reason (a timeout) or a cancellation. */
function abortedError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new BlockError('The model call was cancelled', 'cancelled', false);
}

/** Runs the model (and its tool loop), streaming text through `context.chunk`. Rejects with a BlockError. */
export async function runModel(options: ModelRunOptions): Promise<ModelRunResult> {
  const { context, model } = options;
  const { signal } = context;
  const secrets = model.secrets;
  // Tool data and model text hold no key unless something echoed it; only the key itself is removed from them.
  const scrub = (text: string) => scrubSecrets(text, secrets, { keyShapes: false });
  const errorContext = { providerLabel: model.providerLabel, keyName: model.keyName, secrets };
  if (signal.aborted) throw abortedError(signal);
  // Before anything reaches the provider: a spent budget that stops model calls fails the block here.
  const budgetWarning = await context.checkModelBudget();
  if (budgetWarning) context.log('warn', budgetWarning);

  const steps: ModelStep[] = [];
  let usage: TokenUsage = { input_tokens: 0, output_tokens: 0 };
  let current: ModelStep | null = null;
  let streamedAny = false;
  let failure: unknown = null;

  const result = streamText({
    model: model.model,
    instructions: options.instructions || undefined,
    prompt: options.prompt,
    temperature: options.temperature,
    maxOutputTokens: options.maxOutputTokens,
    tools: options.tools,
    stopWhen: stepCountIs(options.maxSteps ?? 1),
    output: options.jsonMode ? Output.json() : undefined,
    maxRetries: 0,
    abortSignal: signal,
    // Errors arrive as stream parts and are handled below; the default handler would print them (provider
    // messages can quote a key) to the server's console.
    onError: () => undefined,
  });

  try {
    for await (const part of result.stream) {
      switch (part.type) {
        case 'start-step': {
          current = { step: steps.length + 1, text: '', tool_calls: [], tool_results: [], finish_reason: 'unknown', usage: { input_tokens: 0, output_tokens: 0 } };
          for (const warning of part.warnings) {
            const detail = 'feature' in warning ? `${warning.feature}${warning.details ? `: ${warning.details}` : ''}` : warning.message;
            context.log('warn', `${model.providerLabel}: ${scrubSecrets(detail, secrets)}`);
          }
          break;
        }
        case 'text-delta': {
          if (!part.text) break;
          // Text of a later step starts on a new paragraph of the stream.
          if (current && current.text === '' && current.step > 1 && streamedAny) context.chunk('\n\n');
          if (current) current.text += part.text;
          context.chunk(part.text);
          streamedAny = true;
          break;
        }
        case 'tool-call': {
          current?.tool_calls.push({ id: part.toolCallId, tool: part.toolName, arguments: scrubDeep(part.input, secrets) });
          context.log('info', `Step ${current?.step ?? '?'}: calling ${part.toolName} with ${scrub(shorten(show(part.input)))}`);
          break;
        }
        case 'tool-result': {
          if (part.preliminary) break;
          current?.tool_results.push({ id: part.toolCallId, tool: part.toolName, output: scrubDeep(part.output ?? null, secrets) });
          context.log('info', `Step ${current?.step ?? '?'}: ${part.toolName} returned ${scrub(shorten(show(part.output)))}`);
          break;
        }
        case 'tool-error': {
          const message = scrubSecrets(errorText(part.error), secrets);
          current?.tool_results.push({ id: part.toolCallId, tool: part.toolName, error: message });
          context.log('warn', `Step ${current?.step ?? '?'}: ${part.toolName} failed: ${shorten(message)}`);
          break;
        }
        case 'finish-step': {
          const stepUsage = tokenUsage(part.usage);
          usage = addUsage(usage, stepUsage);
          context.addUsage(stepUsage);
          const step = current ?? { step: steps.length + 1, text: '', tool_calls: [], tool_results: [], finish_reason: 'unknown', usage: stepUsage };
          step.finish_reason = part.finishReason;
          step.usage = stepUsage;
          steps.push(step);
          current = null;
          if (options.logStepText && step.text) context.log('info', `Step ${step.step}: the model wrote ${shorten(show(step.text))}`);
          context.log(
            'info',
            `Step ${step.step} of ${model.name} finished (${part.finishReason}): ${stepUsage.input_tokens} input and ${stepUsage.output_tokens} output tokens`,
          );
          break;
        }
        case 'error': {
          failure = part.error;
          break;
        }
        default:
          break;
      }
      if (failure !== null) break;
    }
  } catch (error) {
    if (signal.aborted) throw abortedError(signal);
    throw providerError(error, errorContext);
  }
  if (signal.aborted) throw abortedError(signal);
  if (failure !== null) throw providerError(failure, errorContext);

  const last = steps.at(-1);
  return { text: last?.text ?? '', usage, steps };
}
