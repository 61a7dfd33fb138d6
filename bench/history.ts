/**
 * How fast the execution history answers at 100,000 executions, on PostgreSQL.
 *
 *   NODE_OPTIONS=--no-node-snapshot npx tsx bench/history.ts
 *
 * Creates a throwaway database `weft_bench_history` next to BENCH_DATABASE_URL (default
 * postgresql://postgres@127.0.0.1:5432/test), migrates it, seeds 100,000 executions of one workspace (plus a
 * neighbour workspace's, which must not count) with realistic input/output/error JSON and three block logs each,
 * then times `searchExecutions` — the service behind the history pages — for the first page, a filtered page, full
 * text searches and a few other shapes people use. Prints p50/p95 against the 100 ms target; asserts nothing.
 * The database is dropped at the end, also after a failure.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Caller } from '../server/auth/caller';
import { closeDatabase, installDatabase, openDatabase } from '../server/db';
import { searchExecutions } from '../server/services/execution-history';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const DATABASE = 'weft_bench_history';
const EXECUTIONS = 100_000;
const NEIGHBOUR_EXECUTIONS = 10_000;
const WORKFLOWS = 25;
const BATCH = 25_000;
const RUNS = 20;
const WARMUP = 3;
const TARGET_MS = 100;

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Words that executions of a support/ops workspace carry around: the search finds them in input, output and error.
const WORDS = [
  'invoice', 'refund', 'order', 'shipment', 'delayed', 'customer', 'urgent', 'billing', 'subscription', 'cancel',
  'upgrade', 'password', 'reset', 'login', 'failed', 'payment', 'card', 'declined', 'address', 'change', 'warehouse',
  'inventory', 'summary', 'weekly', 'report', 'translate', 'german', 'spanish', 'classify', 'sentiment', 'positive',
  'negative', 'neutral', 'escalate', 'ticket', 'priority', 'lead', 'enrich', 'company', 'domain', 'newsletter',
  'digest', 'feedback', 'survey', 'churn', 'renewal', 'contract', 'quote', 'discount', 'coupon', 'marmalade',
];

const GRAPH = JSON.stringify({
  blocks: [
    { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
    { id: 'fetch_order', type: 'http', config: { url: 'https://api.example.com/orders/{{input.order_id}}' }, position: { x: 300, y: 0 } },
    { id: 'summarize', type: 'llm', config: { model: 'gpt-4o-mini', prompt: 'Summarize: {{input.text}}' }, position: { x: 600, y: 0 } },
    { id: 'output', type: 'output', config: {}, position: { x: 900, y: 0 } },
  ],
  edges: [
    { source: 'input', target: 'fetch_order' },
    { source: 'fetch_order', target: 'summarize' },
    { source: 'summarize', target: 'output' },
  ],
});

/** Inserts executions `from..to` (1-based) of one workspace in one statement; hashes of `i` vary every field. */
async function seedExecutions(client: pg.Client, workspaceId: string, workflowIds: string[], from: number, to: number) {
  await client.query(
    `
    WITH words AS (SELECT $4::text[] AS w, cardinality($4::text[]) AS n),
    rows AS (
      SELECT i,
        (i * 7919) % 100 AS s,           -- status
        ((i::bigint * 104729) % 10)::int AS t, -- trigger
        now() - (i * interval '26 seconds') - ((i * 31) % 20) * interval '1 second' AS created,
        (40 + (i * 37) % 4000 + CASE WHEN i % 97 = 0 THEN 25000 ELSE 0 END)::float8 AS dur
      FROM generate_series($5::int, $6::int) AS i
    )
    INSERT INTO "Execution" ("id", "workspaceId", "workflowId", "version", "graph", "status", "trigger", "input", "output",
      "error", "blockOutputs", "usage", "startedAt", "completedAt", "durationMs", "createdAt")
    SELECT
      gen_random_uuid()::text,
      $1,
      ($2::text[])[1 + (i % cardinality($2::text[]))],
      1 + (i % 9),
      $3::jsonb,
      (CASE WHEN s < 80 THEN 'completed' WHEN s < 94 THEN 'failed' WHEN s < 98 THEN 'cancelled' ELSE 'completed' END)::"ExecutionStatus",
      (CASE WHEN t < 5 THEN 'api' WHEN t < 8 THEN 'webhook' ELSE 'manual' END)::"ExecutionTrigger",
      jsonb_build_object(
        'text', initcap(w[1 + (i * 7) % n]) || ' ' || w[1 + (i * 13) % n] || ' for ' || w[1 + (i * 17) % n] || ', ' || w[1 + (i * 29) % n] || ' ' || w[1 + (i * 43) % n] || ' please',
        'customer_id', 'cus_' || (i % 5000),
        'order_id', 'ord_' || lpad((i * 3)::text, 8, '0'),
        'priority', (ARRAY['low', 'normal', 'high', 'urgent'])[1 + i % 4],
        'tags', jsonb_build_array(w[1 + (i * 3) % n], w[1 + (i * 11) % n]),
        'amount', round(((i * 7) % 50000) / 100.0, 2)
      ),
      CASE WHEN s < 80 OR s >= 98 THEN jsonb_build_object(
        'summary', 'The customer asks about ' || w[1 + (i * 13) % n] || ' and ' || w[1 + (i * 19) % n] || '; suggested reply drafted.',
        'sentiment', (ARRAY['positive', 'neutral', 'negative'])[1 + i % 3],
        'score', round(((i * 17) % 1000) / 1000.0, 3),
        'model', 'gpt-4o-mini'
      ) END,
      CASE WHEN s >= 80 AND s < 94 THEN jsonb_build_object(
        'message', (ARRAY[
          'HTTP 502 from https://api.example.com/orders: Bad Gateway',
          'The block took longer than its timeout of 30000 ms',
          'TypeError: Cannot read properties of undefined (reading ''total'')',
          'The model provider rate-limited the request (429); retry later',
          'Error: ' || w[1 + (i * 23) % n] || ' lookup failed for cus_' || (i % 5000)
        ])[1 + i % 5],
        'block_id', (ARRAY['fetch_order', 'fetch_order', 'summarize', 'summarize', 'summarize'])[1 + i % 5],
        'code', (ARRAY['http_error', 'block_timeout', 'code_user_error', 'rate_limited', 'code_user_error'])[1 + i % 5]
      ) WHEN s >= 94 AND s < 98 THEN '{"message":"The execution was cancelled","block_id":null,"code":"cancelled"}'::jsonb END,
      NULL,
      jsonb_build_object('input_tokens', 200 + (i * 7) % 1800, 'output_tokens', 40 + (i * 11) % 600),
      created,
      created + dur * interval '1 millisecond',
      dur,
      created
    FROM rows, words
    `,
    [workspaceId, workflowIds, GRAPH, WORDS, from, to],
  );
}

async function seedBlockLogs(client: pg.Client, workspaceId: string) {
  await client.query(
    `
    INSERT INTO "BlockLog" ("id", "executionId", "blockId", "blockType", "blockName", "status", "input", "output", "error",
      "startedAt", "completedAt", "durationMs", "executionOrder", "attempts", "usage", "console")
    SELECT
      gen_random_uuid()::text, e."id", b.block_id, b.block_type, b.block_name,
      (CASE WHEN e."status" = 'failed' AND e."error"->>'block_id' = b.block_id THEN 'error' ELSE 'success' END)::"BlockLogStatus",
      CASE b.ord WHEN 1 THEN '{}'::jsonb WHEN 2 THEN jsonb_build_object('url', 'https://api.example.com/orders/' || (e."input"->>'order_id'), 'method', 'GET')
        ELSE jsonb_build_object('model', 'gpt-4o-mini', 'prompt', 'Summarize: ' || (e."input"->>'text')) END,
      CASE b.ord WHEN 1 THEN e."input" WHEN 2 THEN jsonb_build_object('status', 200, 'body', jsonb_build_object('id', e."input"->>'order_id', 'total', e."input"->'amount'))
        ELSE jsonb_build_object('output', e."output"->>'summary', 'model', 'gpt-4o-mini', 'usage', e."usage") END,
      CASE WHEN e."status" = 'failed' AND e."error"->>'block_id' = b.block_id THEN jsonb_build_object('message', e."error"->>'message', 'code', e."error"->>'code') END,
      e."startedAt" + (b.ord - 1) * e."durationMs" / 3 * interval '1 millisecond',
      e."startedAt" + b.ord * e."durationMs" / 3 * interval '1 millisecond',
      e."durationMs" / 3,
      b.ord,
      1,
      CASE WHEN b.ord = 3 THEN e."usage" END,
      CASE WHEN b.ord = 2 THEN jsonb_build_array(jsonb_build_object('level', 'info', 'message', 'GET /orders/' || (e."input"->>'order_id'), 'at', e."startedAt")) ELSE '[]'::jsonb END
    FROM "Execution" e
    CROSS JOIN (VALUES (1, 'input', 'input', NULL), (2, 'fetch_order', 'http', 'Fetch order'), (3, 'summarize', 'llm', 'Summarize')) AS b(ord, block_id, block_type, block_name)
    WHERE e."workspaceId" = $1
      AND (b.ord = 1 OR e."status" <> 'failed' OR b.ord <= CASE e."error"->>'block_id' WHEN 'fetch_order' THEN 2 ELSE 3 END)
    `,
    [workspaceId],
  );
}

interface Case {
  name: string;
  query: Parameters<typeof searchExecutions>[1];
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

async function main() {
  const url = databaseUrl(ADMIN_URL, DATABASE);
  console.log(`[bench] PostgreSQL at ${new URL(ADMIN_URL).host}, throwaway database ${DATABASE}`);
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${DATABASE}`);
  });

  try {
    let started = performance.now();
    const database = await openDatabase({ kind: 'postgres', url }); // migrates
    installDatabase(database);
    console.log(`[bench] migrated in ${seconds(performance.now() - started)}`);

    const prisma = database.prisma;
    const workspace = await prisma.workspace.create({ data: { name: 'Bench' } });
    const neighbour = await prisma.workspace.create({ data: { name: 'Neighbour' } });
    const workflowIds: string[] = [];
    for (let index = 0; index < WORKFLOWS; index++) {
      const workflow = await prisma.workflow.create({ data: { workspaceId: workspace.id, name: `Support flow ${index + 1}`, graph: JSON.parse(GRAPH) } });
      workflowIds.push(workflow.id);
    }
    const neighbourWorkflow = await prisma.workflow.create({ data: { workspaceId: neighbour.id, name: 'Elsewhere', graph: JSON.parse(GRAPH) } });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      started = performance.now();
      for (let from = 1; from <= EXECUTIONS; from += BATCH) {
        await seedExecutions(client, workspace.id, workflowIds, from, Math.min(EXECUTIONS, from + BATCH - 1));
        process.stdout.write(`\r[bench] seeding executions… ${Math.min(EXECUTIONS, from + BATCH - 1).toLocaleString()}`);
      }
      await seedExecutions(client, neighbour.id, [neighbourWorkflow.id], 1, NEIGHBOUR_EXECUTIONS);
      console.log(`\r[bench] seeded ${EXECUTIONS.toLocaleString()} executions (+${NEIGHBOUR_EXECUTIONS.toLocaleString()} in another workspace) in ${seconds(performance.now() - started)}`);
      started = performance.now();
      await seedBlockLogs(client, workspace.id);
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "BlockLog"');
      console.log(`[bench] seeded ${Number(rows[0].count).toLocaleString()} block logs in ${seconds(performance.now() - started)}`);
      started = performance.now();
      await client.query('VACUUM ANALYZE');
      console.log(`[bench] vacuum analyze in ${seconds(performance.now() - started)}`);
    } finally {
      await client.end();
    }

    const caller: Caller = { workspaceId: workspace.id, role: 'viewer', userId: null, apiKeyId: null, via: 'api_key' };
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    const cases: Case[] = [
      { name: 'first page (workspace)', query: { limit: 50 } },
      { name: 'filtered: failed + webhook', query: { status: 'failed', trigger: 'webhook', limit: 50 } },
      { name: 'full text: "refund"', query: { q: 'refund', limit: 50 } },
      { name: 'full text: "timeout" (errors)', query: { q: 'timeout', limit: 50 } },
      { name: 'full text: "cus_4242" (rare)', query: { q: 'cus_4242', limit: 50 } },
      { name: 'one workflow, first page', query: { workflow_id: workflowIds[3], limit: 50 } },
      { name: 'last 24 h, failed', query: { status: 'failed', from: dayAgo, limit: 50 } },
      { name: 'deep page (offset 10,000)', query: { limit: 50, offset: 10_000 } },
    ];

    console.log(`\n[bench] searchExecutions, ${RUNS} runs each after ${WARMUP} warm-up runs; target ${TARGET_MS} ms\n`);
    const header = `${'case'.padEnd(34)} ${'matches'.padStart(9)} ${'rows'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  target`;
    console.log(header);
    console.log('-'.repeat(header.length));
    for (const { name, query } of cases) {
      let result = await searchExecutions(caller, query);
      for (let run = 1; run < WARMUP; run++) await searchExecutions(caller, query);
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        result = await searchExecutions(caller, query);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      console.log(
        `${name.padEnd(34)} ${result.total.toLocaleString().padStart(9)} ${String(result.executions.length).padStart(5)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)}  ${p95 <= TARGET_MS ? 'ok' : 'SLOW'}`,
      );
    }
    console.log('');
  } finally {
    await closeDatabase().catch(() => undefined);
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)).catch((error) =>
      console.error(`[bench] could not drop ${DATABASE}:`, (error as Error).message),
    );
    console.log(`[bench] dropped ${DATABASE}`);
  }
}

main().catch((error) => {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
});
