// Server code only: a client bundle that reaches this module fails to build instead of shipping it.
import 'server-only';
import { z } from 'zod';

/** The model providers Weft speaks to (server/llm/providers.ts implements each); here so settings can name them. */
export const llmProviderIds = ['openai', 'openai-chat', 'anthropic', 'ollama', 'openai-compatible'] as const;

// Every environment variable Weft reads, parsed once. The README's configuration table lists the same names.
const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  WEFT_DATA_DIR: z.string().min(1).default('./data'),
  /** `inline`: executions run in the web process that starts them; `queue`: in `npm run worker` processes. */
  WEFT_EXECUTION_MODE: z.enum(['inline', 'queue']).default('inline'),
  /** How many executions one worker process runs at once. */
  WEFT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** How long a worker told to stop (SIGTERM) lets its running executions finish before it hands them back. */
  WEFT_WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  WEFT_SYNC_EXECUTION_TIMEOUT_MS: z.coerce.number().int().positive().default(300_000),
  WEFT_STREAM_EXECUTION_TIMEOUT_MS: z.coerce.number().int().positive().default(600_000),
  WEFT_RATE_LIMIT_EXECUTIONS_PER_MINUTE: z.coerce.number().int().min(0).default(0),
  WEFT_PUBLIC_URL: z.url('WEFT_PUBLIC_URL must be a URL such as https://weft.example.com').optional(),
  WEFT_EXECUTION_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
  WEFT_WEBHOOK_FAILED_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  WEFT_AUTH_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WEFT_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  WEFT_ALLOW_PRIVATE_NETWORK: booleanFlag,
  /** Who may create an account: anyone, only people with an invitation link (the first account always), nobody. */
  WEFT_SIGNUP: z.enum(['open', 'invite', 'closed']).default('invite'),
  /** Largest output (as JSON) one block may produce; more fails the block with `output_too_large`. */
  WEFT_MAX_OUTPUT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Longest any block may run (a larger `timeout_ms` is lowered to it; blocks without one get it). */
  WEFT_MAX_BLOCK_TIMEOUT_MS: z.coerce.number().int().positive().max(3_600_000).default(300_000),
  WEFT_SECRET_KEY: z.string().min(16, 'WEFT_SECRET_KEY must be at least 16 characters').optional(),
  WEFT_BOOTSTRAP_API_KEY: z.string().min(16, 'WEFT_BOOTSTRAP_API_KEY must be at least 16 characters').optional(),
  WEFT_BOOTSTRAP_WORKSPACE: z.string().min(1).default('default'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Language model providers (llm and agent blocks). A workspace credential of the same name wins over these.
  /** The provider of a model named without one (`gpt-4o-mini` rather than `openai/gpt-4o-mini`). */
  WEFT_DEFAULT_PROVIDER: z.enum(llmProviderIds).default('openai'),
  /** Whether workspaces without their own credential may use the provider settings below (on unless `false`). */
  WEFT_SHARE_SERVER_CREDENTIALS: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v !== 'false' && v !== '0'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: 'OPENAI_BASE_URL must be an http:// or https:// URL' }).optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'ANTHROPIC_BASE_URL must be an http:// or https:// URL' }).optional(),
  OLLAMA_BASE_URL: z.url({ protocol: /^https?$/, error: 'OLLAMA_BASE_URL must be an http:// or https:// URL' }).optional(),
  OPENAI_COMPATIBLE_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'OPENAI_COMPATIBLE_BASE_URL must be an http:// or https:// URL' })
    .optional(),
  OPENAI_COMPATIBLE_API_KEY: z.string().optional(),
  // OpenTelemetry (server/telemetry): traces are exported only when an endpoint is set. The exporter itself also
  // reads OTEL_EXPORTER_OTLP_HEADERS and _TIMEOUT.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL' }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http:// or https:// URL' })
    .optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/json', 'http/protobuf'], { error: 'OTEL_EXPORTER_OTLP_PROTOCOL: Weft exports over HTTP (http/json or http/protobuf, port 4318), not grpc' })
    .optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
}).superRefine((value, context) => {
  // Workers and web servers meet in the database; the embedded one belongs to a single process.
  if (value.WEFT_EXECUTION_MODE === 'queue' && !value.DATABASE_URL) {
    context.addIssue({ code: 'custom', path: ['WEFT_EXECUTION_MODE'], message: 'queue mode needs PostgreSQL: set DATABASE_URL=postgres://… (the embedded database serves one process only)' });
  }
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/**
 * An empty variable (`OPENAI_BASE_URL=`) means unset, as people expect from shell and .env files. Libraries read
 * some variables themselves and would choke on an empty one, so empty variables are removed from process.env
 * itself, at start (instrumentation.ts) and whenever the environment is parsed.
 */
export function unsetEmptyEnvironmentVariables(): void {
  for (const [name, value] of Object.entries(process.env)) if (value === '') delete process.env[name];
}

export function env(): Env {
  if (!cached) {
    unsetEmptyEnvironmentVariables();
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change process.env between cases; this forgets the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}
