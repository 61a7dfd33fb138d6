import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_TEMPLATES, type WorkflowTemplate } from '@/lib/templates';
import { db } from '../db';
import { setupTestDatabase } from '../test/database';
import { createTestWorkspace, type TestWorkspace } from '../test/fixtures';
import { startServer, type TestServer } from '../test/http-server';
import { setupProviderEnv, setupStandInProvider } from '../test/llm-env';
import { executeAndWait } from './executions/launch';
import { getExecution } from './executions/reads';
import { resumeExecution } from './executions/resume';
import { scheduleWaitingExecutions } from './executions/waits';
import { workflowGraphProblems } from './graph-validation';
import { createFromTemplate } from './templates';
import { listTriggers } from './triggers';
import { getWorkflow, storedGraph } from './workflows';

// Every template of the gallery, made into a workflow the way "Use template" does and run end to end through the
// real engine: models answered by the stand-in provider, HTTP blocks by a local server standing in for the APIs.

setupTestDatabase();
const KEY = 'sk-test-templates-0123456789abcdef';
const ORIGIN = 'http://weft.test';
const provider = setupStandInProvider(KEY);
let api: TestServer;
let ws: TestWorkspace;
/** How often each path of the stand-in API was asked, for answers that change (a job that finishes). */
const asked = new Map<string, number>();

function json(response: import('node:http').ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  api = await startServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://api.test');
    asked.set(url.pathname, (asked.get(url.pathname) ?? 0) + 1);
    if (url.pathname === '/companies') return json(response, 200, { name: 'Acme', industry: 'Software', employees: 250, domain: url.searchParams.get('domain') });
    if (url.pathname === '/repos/vercel/next.js') {
      return json(response, 200, { full_name: 'vercel/next.js', description: 'The React Framework', stargazers_count: 130000, forks_count: 28000, language: 'JavaScript', html_url: 'https://github.com/vercel/next.js' });
    }
    if (url.pathname === '/feed') return json(response, 200, { hits: [1, 2, 3, 4].map((n) => ({ title: `Story ${n}`, url: `https://news.example/${n}` })) });
    if (url.pathname === '/jobs/42') return json(response, 200, { status: asked.get('/jobs/42')! > 1 ? 'done' : 'running' });
    if (url.pathname === '/replies' && request.method === 'POST') return json(response, 201, { id: 'reply_1' });
    json(response, 404, { error: 'not here' });
  });
  ws = await createTestWorkspace('Templates');
});
afterAll(() => api.close());
setupProviderEnv(() => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: provider().baseUrl, WEFT_ALLOW_PRIVATE_NETWORK: 'true' }));

type Execution = Awaited<ReturnType<typeof executeAndWait>>;
const text = (answer: string) => ({ text: [answer] });

interface TemplateRun {
  /** What the model answers, call by call. */
  model: { text?: string[]; toolCalls?: { name: string; arguments: Record<string, unknown> }[] }[];
  /** Replaces parts of the sample input (URLs of the stand-in API). */
  input?: () => WorkflowTemplate['sampleInput'];
  /** For a run that pauses: what lets it go on (a decision, or its time coming), answering the finished execution. */
  resume?: (workflowId: string, waiting: Execution) => Promise<Execution>;
  output: unknown;
}

/** A long wait whose time came: what the wait timers do, without waiting five minutes. */
async function letWaitsComeDue(workflowId: string, waiting: Execution): Promise<Execution> {
  const prisma = await db();
  const row = await prisma.execution.findUniqueOrThrow({ where: { id: waiting.id } });
  const waits = (row.waitingOn as { resume_at: string }[]).map((wait) => ({ ...wait, resume_at: new Date(Date.now() - 1000).toISOString() }));
  await prisma.execution.update({ where: { id: row.id }, data: { waitingOn: waits } });
  await scheduleWaitingExecutions();
  for (;;) {
    const execution = await getExecution(ws.owner, workflowId, waiting.id);
    if (execution.status !== 'waiting' && execution.status !== 'running') return execution;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const runs: Record<string, TemplateRun> = {
  summarize: { model: [text('Weft runs workflows. You can watch them. You can look back.')], output: 'Weft runs workflows. You can watch them. You can look back.' },
  classify: {
    model: [text('{"category": "urgent", "reason": "Customers cannot pay."}')],
    output: { priority: 'urgent', reason: 'Customers cannot pay.', message: expect.stringContaining('checkout') },
  },
  'http-code': {
    model: [],
    input: () => ({ api_url: api.origin }),
    output: { name: 'vercel/next.js', stars: 130000, forks: 28000, language: 'JavaScript', url: 'https://github.com/vercel/next.js', description: 'The React Framework' },
  },
  'support-triage': {
    model: [text('{"category": "billing", "summary": "Charged twice for March."}')],
    output: { team: 'Billing', summary: 'Charged twice for March.', subject: 'Charged twice' },
  },
  'webhook-summary': {
    model: [text('Ada from DE placed order ord_1042 (129.50 EUR); nothing to do.')],
    output: { summary: expect.stringContaining('ord_1042'), event: 'order.created' },
  },
  'enrich-lead': {
    model: [],
    input: () => ({ enrich_url: `${api.origin}/companies` }),
    output: { email: 'ada@acme.example', domain: 'acme.example', company: 'Acme', industry: 'Software', employees: 250, fit: 'high' },
  },
  'daily-digest': {
    model: [text('Good morning! Four stories today.')],
    input: () => ({ feed_url: `${api.origin}/feed`, limit: 3 }),
    output: { digest: 'Good morning! Four stories today.', stories: [1, 2, 3].map((n) => ({ title: `Story ${n}`, url: `https://news.example/${n}` })) },
  },
  translate: { model: [text('Merci pour votre commande.')], output: { translation: 'Merci pour votre commande.', language: 'French' } },
  'extract-fields': {
    model: [text('{"name": "Grace Hopper", "email": " GRACE@navylabs.example", "company": "Navy Labs", "intent": "buy"}')],
    output: { name: 'Grace Hopper', email: 'grace@navylabs.example', company: 'Navy Labs', intent: 'buy' },
  },
  'thank-you-notes': {
    model: [text('Thank you!'), text('Thank you!')],
    output: {
      notes: [
        { name: 'Ada', note: 'Thank you!' },
        { name: 'Linus', note: 'Thank you!' },
      ],
    },
  },
  'approved-reply': {
    model: [text('Yes: open Settings → Account and change it there.')],
    input: () => ({ send_url: `${api.origin}/replies` }),
    resume: (workflowId, waiting) => resumeExecution(ws.owner, workflowId, waiting.id, { block_id: 'review', decision: 'approved' }),
    output: { sent: true, status: 201, reply: 'Yes: open Settings → Account and change it there.' },
  },
  sentiment: {
    model: [text('{"score": -0.8, "topic": "being logged out"}'), text('Sorry, Sam. We are on it.')],
    output: { escalate: true, score: -0.8, draft_reply: 'Sorry, Sam. We are on it.' },
  },
  'clean-rows': {
    model: [],
    output: {
      rows: [
        { name: 'Ada Lovelace', email: 'ada@example.com' },
        { name: 'Alan Turing', email: 'alan@example.com' },
      ],
      kept: 2,
      dropped: [
        { row: 1, reason: 'duplicate of ada@example.com' },
        { row: 2, reason: 'no valid email' },
      ],
    },
  },
  'research-agent': {
    model: [{ toolCalls: [{ name: 'current_time', arguments: { timezone: 'Asia/Tokyo' } }] }, text('It is a weekday in Tokyo; I asked the clock.')],
    output: {
      answer: 'It is a weekday in Tokyo; I asked the clock.',
      steps: [
        expect.objectContaining({ tool_calls: [expect.objectContaining({ tool: 'current_time', arguments: { timezone: 'Asia/Tokyo' } })] }),
        expect.objectContaining({ text: 'It is a weekday in Tokyo; I asked the clock.' }),
      ],
    },
  },
  'wait-for-job': {
    model: [],
    input: () => ({ status_url: `${api.origin}/jobs/42` }),
    resume: letWaitsComeDue,
    output: { status: 'done', checks: 2 },
  },
  'translate-many': {
    model: [text('Traduction'), text('Übersetzung'), text('Traducción')],
    // One child execution per language, in the order of the languages (which model answer each got is up to timing).
    output: { translations: ['French', 'German', 'Spanish'].map((language) => ({ translation: expect.any(String), language, child_execution_id: expect.any(String) })) },
  },
};

describe('the template gallery', () => {
  it('offers at least 12 templates, each with a name, a description, a category and a sample input, and a run for each here', () => {
    expect(WORKFLOW_TEMPLATES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(WORKFLOW_TEMPLATES.map((t) => t.id)).size).toBe(WORKFLOW_TEMPLATES.length);
    for (const template of WORKFLOW_TEMPLATES) {
      expect(template.name.length, template.id).toBeGreaterThan(0);
      expect(template.description.length, template.id).toBeGreaterThan(20);
      expect(template.sampleInput, template.id).toBeTypeOf('object');
    }
    expect(Object.keys(runs).sort()).toEqual(WORKFLOW_TEMPLATES.map((t) => t.id).sort());
  });

  it('covers every block type and every standing trigger kind', () => {
    const types = new Set(WORKFLOW_TEMPLATES.flatMap((t) => t.graph.blocks.map((b) => b.type)));
    expect([...types].sort()).toEqual(['agent', 'approval', 'code', 'condition', 'http', 'input', 'llm', 'loop', 'output', 'router', 'wait', 'workflow']);
    expect(new Set(WORKFLOW_TEMPLATES.map((t) => t.trigger?.kind).filter(Boolean))).toEqual(new Set(['schedule', 'webhook', 'form']));
  });

  it('answers 404 to a template that does not exist', async () => {
    await expect(createFromTemplate(ws.owner, { template_id: 'nope' }, ORIGIN)).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe.each(WORKFLOW_TEMPLATES.map((template) => [template.id, template] as const))('template %s', (id, template) => {
  it('validates with no problems, becomes a workflow with its trigger, and runs its sample input to the expected output', async () => {
    expect(await workflowGraphProblems(template.graph, ws.id)).toEqual([]);

    const workflow = await createFromTemplate(ws.owner, { template_id: id }, ORIGIN);
    expect(workflow).toMatchObject({ name: template.name, description: template.description });
    const stored = storedGraph(await (await db()).workflow.findUniqueOrThrow({ where: { id: workflow.id } }));
    expect(stored.blocks.map((b) => b.id)).toEqual(template.graph.blocks.map((b) => b.id));
    expect(await workflowGraphProblems(stored, ws.id)).toEqual([]);
    const { triggers } = await listTriggers(ws.owner, workflow.id, ORIGIN);
    expect(triggers.map((t) => t.kind)).toEqual(template.trigger ? [template.trigger.kind] : []);
    // The answer carries the trigger as created; a webhook's secret is in it, since nothing shows it later.
    expect(workflow.trigger?.id ?? null).toBe(triggers[0]?.id ?? null);
    if (template.trigger?.kind === 'webhook') expect(workflow.trigger?.secret).toMatch(/^whsec_/);
    else expect(workflow.trigger?.secret).toBeUndefined();
    if (template.subworkflow) {
      const sub = stored.blocks.find((b) => b.type === 'workflow')!.config.workflow_id as string;
      expect(await getWorkflow(ws.owner, sub)).toMatchObject({ name: WORKFLOW_TEMPLATES.find((t) => t.id === template.subworkflow)!.name });
    }

    const run = runs[id];
    provider().script(...run.model);
    let execution = await executeAndWait(ws.owner, workflow.id, { input: { ...template.sampleInput, ...run.input?.() } });
    if (run.resume) {
      expect(execution.status).toBe('waiting');
      execution = await run.resume(workflow.id, execution);
    }
    expect(execution.error).toBeNull();
    expect(execution.status).toBe('completed');
    expect(execution.output).toEqual(run.output);
  });
});
