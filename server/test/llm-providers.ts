import http from 'node:http';
import type { Socket } from 'node:net';

// A stand-in for the model providers, for tests and the benchmark: one real HTTP server on 127.0.0.1 that speaks
// the OpenAI Chat Completions API (POST /v1/chat/completions), the OpenAI Responses API (POST /v1/responses) and
// the Anthropic Messages API (POST /v1/messages), streaming server-sent events in each API's own shapes, with tool
// calls, usage and errors. Tests script what the "model" answers, turn by turn, and read what was asked.

type ProviderApi = 'chat' | 'responses' | 'anthropic';

interface ToolCallScript {
  name: string;
  /** Streamed as JSON text, split in pieces as providers do. */
  arguments: Record<string, unknown>;
  id?: string;
}

/** What the stand-in answers to one request. */
type Turn =
  | {
      /** Text pieces, each sent as its own event. */
      text?: string[];
      toolCalls?: ToolCallScript[];
      /** `cached`: how many of the input tokens were a prompt-cache hit (default 0). */
      usage?: { input: number; output: number; cached?: number };
      /** Wait between events (default 0). */
      delayMs?: number;
      /** Send the text, then keep the response open until the client goes away. */
      hang?: boolean;
    }
  | {
      /** An HTTP error in the API's own error shape. */
      error: { status: number; message: string; type?: string; headers?: Record<string, string> };
    };

interface ReceivedModelRequest {
  api: ProviderApi;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
}

export interface StandInProvider {
  /** `http://127.0.0.1:<port>/v1`: the base URL all three APIs live under. */
  baseUrl: string;
  requests: ReceivedModelRequest[];
  /**
   * Queue the answers to the next requests, in order. A request with nothing queued gets a 500; one refused
   * before a turn is taken (a wrong key: 401, a malformed body: 400) leaves the queue as it was.
   */
  script(...turns: Turn[]): void;
  /** Responses the client closed before the stand-in had finished them. */
  abortedResponses: number;
  /** Resolves once a response is closed by the client before it was finished. */
  nextAbort(): Promise<void>;
  /** Called as each text piece is written (the benchmark times chunks from here). */
  onTextWritten?: (text: string, at: number) => void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** When set, requests must carry this key (Bearer for OpenAI, x-api-key for Anthropic) or get a 401. */
  apiKey?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function apiOf(path: string): ProviderApi | null {
  if (path.endsWith('/chat/completions')) return 'chat';
  if (path.endsWith('/responses')) return 'responses';
  if (path.endsWith('/messages')) return 'anthropic';
  return null;
}

/** JSON arguments split roughly in half, the way providers stream them. */
function argumentPieces(args: Record<string, unknown>): string[] {
  const json = JSON.stringify(args);
  const middle = Math.ceil(json.length / 2);
  return [json.slice(0, middle), json.slice(middle)].filter((piece) => piece.length > 0);
}

function errorBody(api: ProviderApi, status: number, message: string, type?: string): string {
  if (api === 'anthropic') {
    const anthropicType =
      type ?? (status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error');
    return JSON.stringify({ type: 'error', error: { type: anthropicType, message } });
  }
  const code = status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : null;
  return JSON.stringify({
    error: { message, type: type ?? (status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error'), param: null, code },
  });
}

/** Writes one SSE event: `data:` only for chat completions, `event:` + `data:` for the other two. */
type Send = (event: string | null, data: unknown) => Promise<void>;

interface StreamPlan {
  turn: Extract<Turn, { text?: string[] }>;
  model: string;
  send: Send;
  sendText: (event: string | null, data: unknown, text: string) => Promise<void>;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${(++counter).toString(36).padStart(6, '0')}`;

async function streamChat({ turn, model, send, sendText }: StreamPlan, done: () => Promise<void>) {
  const id = nextId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_standin',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    usage: null,
  });
  await send(null, chunk({ role: 'assistant', content: '', refusal: null }, null));
  for (const text of turn.text ?? []) await sendText(null, chunk({ content: text }, null), text);
  for (const [index, call] of (turn.toolCalls ?? []).entries()) {
    await send(null, chunk({ tool_calls: [{ index, id: call.id ?? nextId('call'), type: 'function', function: { name: call.name, arguments: '' } }] }, null));
    for (const piece of argumentPieces(call.arguments)) await send(null, chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null));
  }
  if (turn.hang) return;
  await send(null, chunk({}, turn.toolCalls?.length ? 'tool_calls' : 'stop'));
  const usage = turn.usage ?? { input: 10, output: 5 };
  await send(null, {
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_standin',
    choices: [],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
      prompt_tokens_details: { cached_tokens: usage.cached ?? 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
  });
  await done();
}

async function streamResponses({ turn, model, send, sendText }: StreamPlan, done: () => Promise<void>) {
  let sequence = 0;
  const event = async (type: string, data: Record<string, unknown>, text?: string) => {
    const payload = { type, sequence_number: sequence++, ...data };
    if (text === undefined) await send(type, payload);
    else await sendText(type, payload, text);
  };
  const response = {
    id: nextId('resp'),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: null,
    model,
    output: [] as unknown[],
    parallel_tool_calls: true,
    temperature: 1,
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    usage: null as unknown,
  };
  await event('response.created', { response });
  await event('response.in_progress', { response });
  const output: Record<string, unknown>[] = [];
  let index = 0;
  if (turn.text?.length) {
    const itemId = nextId('msg');
    const outputIndex = index++;
    await event('response.output_item.added', {
      output_index: outputIndex,
      item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    await event('response.content_part.added', {
      item_id: itemId,
      output_index: outputIndex,
      content_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    });
    for (const text of turn.text) {
      await event('response.output_text.delta', { item_id: itemId, output_index: outputIndex, content_index: 0, delta: text, logprobs: [] }, text);
    }
    if (turn.hang) return;
    const full = turn.text.join('');
    const part = { type: 'output_text', annotations: [], logprobs: [], text: full };
    await event('response.output_text.done', { item_id: itemId, output_index: outputIndex, content_index: 0, text: full, logprobs: [] });
    await event('response.content_part.done', { item_id: itemId, output_index: outputIndex, content_index: 0, part });
    const item = { id: itemId, type: 'message', status: 'completed', content: [part], role: 'assistant' };
    await event('response.output_item.done', { output_index: outputIndex, item });
    output.push(item);
  }
  for (const call of turn.toolCalls ?? []) {
    const itemId = nextId('fc');
    const callId = call.id ?? nextId('call');
    const outputIndex = index++;
    const args = JSON.stringify(call.arguments);
    await event('response.output_item.added', {
      output_index: outputIndex,
      item: { id: itemId, type: 'function_call', status: 'in_progress', arguments: '', call_id: callId, name: call.name },
    });
    for (const piece of argumentPieces(call.arguments)) {
      await event('response.function_call_arguments.delta', { item_id: itemId, output_index: outputIndex, delta: piece });
    }
    await event('response.function_call_arguments.done', { item_id: itemId, output_index: outputIndex, arguments: args });
    const item = { id: itemId, type: 'function_call', status: 'completed', arguments: args, call_id: callId, name: call.name };
    await event('response.output_item.done', { output_index: outputIndex, item });
    output.push(item);
  }
  if (turn.hang) return;
  const usage = turn.usage ?? { input: 10, output: 5 };
  await event('response.completed', {
    response: {
      ...response,
      status: 'completed',
      output,
      usage: {
        input_tokens: usage.input,
        input_tokens_details: { cached_tokens: usage.cached ?? 0 },
        output_tokens: usage.output,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: usage.input + usage.output,
      },
    },
  });
  await done();
}

async function streamAnthropic({ turn, model, send, sendText }: StreamPlan, done: () => Promise<void>) {
  const usage = turn.usage ?? { input: 10, output: 5 };
  await send('message_start', {
    type: 'message_start',
    message: {
      id: nextId('msg'),
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage.input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
    },
  });
  let index = 0;
  if (turn.text?.length) {
    await send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    await send('ping', { type: 'ping' });
    for (const text of turn.text) {
      await sendText('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, text);
    }
    if (turn.hang) return;
    await send('content_block_stop', { type: 'content_block_stop', index });
    index += 1;
  }
  for (const call of turn.toolCalls ?? []) {
    await send('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: call.id ?? nextId('toolu'), name: call.name, input: {} },
    });
    for (const piece of argumentPieces(call.arguments)) {
      await send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
    }
    await send('content_block_stop', { type: 'content_block_stop', index });
    index += 1;
  }
  if (turn.hang) return;
  await send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: turn.toolCalls?.length ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { output_tokens: usage.output },
  });
  await send('message_stop', { type: 'message_stop' });
  await done();
}

function authorised(api: ProviderApi, headers: http.IncomingHttpHeaders, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return true;
  if (api === 'anthropic') return headers['x-api-key'] === apiKey;
  return headers.authorization === `Bearer ${apiKey}`;
}

/** The key as the caller sent it, so a 401 can quote it back the way OpenAI does. */
function presentedKey(api: ProviderApi, headers: http.IncomingHttpHeaders): string {
  if (api === 'anthropic') return String(headers['x-api-key'] ?? '');
  return String(headers.authorization ?? '').replace(/^Bearer /, '');
}

export async function startStandInProvider(options: StandInOptions = {}): Promise<StandInProvider> {
  const turns: Turn[] = [];
  const sockets = new Set<Socket>();
  const abortWaiters: (() => void)[] = [];

  const server = http.createServer((request, response) => {
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      void handle(request, response, Buffer.concat(pieces).toString('utf8'));
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse, raw: string) {
    const path = request.url ?? '';
    const api = request.method === 'POST' ? apiOf(path) : null;
    if (!api) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `Unknown path ${path}`, type: 'invalid_request_error' } }));
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(errorBody(api, 400, 'We could not parse the JSON body of your request.'));
      return;
    }
    state.requests.push({ api, path, headers: request.headers, body, at: performance.now() });

    if (!authorised(api, request.headers, options.apiKey)) {
      response.writeHead(401, { 'content-type': 'application/json' });
      const message =
        api === 'anthropic'
          ? 'invalid x-api-key'
          : `Incorrect API key provided: ${presentedKey(api, request.headers)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
      response.end(errorBody(api, 401, message));
      return;
    }
    if (body.stream !== true) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(errorBody(api, 400, 'The stand-in provider only streams: send "stream": true'));
      return;
    }
    const turn = turns.shift();
    if (!turn) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(errorBody(api, 500, 'The stand-in provider has no scripted answer for this request'));
      return;
    }
    if ('error' in turn) {
      response.writeHead(turn.error.status, { 'content-type': 'application/json', ...turn.error.headers });
      response.end(errorBody(api, turn.error.status, turn.error.message, turn.error.type));
      return;
    }

    let closedEarly = false;
    response.on('close', () => {
      if (!response.writableFinished) {
        closedEarly = true;
        state.abortedResponses += 1;
        for (const resolve of abortWaiters.splice(0)) resolve();
      }
    });
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.flushHeaders();

    const delayMs = turn.delayMs ?? 0;
    const send: Send = async (event, data) => {
      if (closedEarly) return;
      response.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
      if (delayMs > 0) await sleep(delayMs);
    };
    const sendText = async (event: string | null, data: unknown, text: string) => {
      if (closedEarly) return;
      response.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
      state.onTextWritten?.(text, performance.now());
      if (delayMs > 0) await sleep(delayMs);
    };
    const model = typeof body.model === 'string' ? body.model : 'unknown';
    const plan: StreamPlan = { turn, model, send, sendText };
    const done = async () => {
      if (api === 'chat') response.write('data: [DONE]\n\n');
      response.end();
    };
    if (api === 'chat') await streamChat(plan, done);
    else if (api === 'responses') await streamResponses(plan, done);
    else await streamAnthropic(plan, done);
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  const state: StandInProvider = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: [],
    abortedResponses: 0,
    script: (...more) => void turns.push(...more),
    nextAbort: () => new Promise<void>((resolve) => abortWaiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}
