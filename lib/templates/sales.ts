import { MODEL, at, block, edge, inputBlock, outputBlock } from './build';
import type { WorkflowTemplate } from './types';

// Templates for leads and customers: finding out who they are and writing to them.

const SCORE_LEAD_CODE = `// lookup is the HTTP block's answer: { status, headers, body }.
const found = lookup.status === 200 && lookup.body && typeof lookup.body === 'object';
const company = found ? lookup.body : {};
const employees = Number(company.employees ?? 0);
return {
  email: input.email,
  domain: domain.domain,
  company: company.name ?? null,
  industry: company.industry ?? null,
  employees: found ? employees : null,
  fit: employees >= 200 ? 'high' : employees >= 20 ? 'medium' : 'low',
};`;

export const enrichLead: WorkflowTemplate = {
  id: 'enrich-lead',
  name: 'Enrich a lead from an HTTP API',
  description: 'Takes a lead’s email, looks its company up in an enrichment API of your choice (any URL that answers JSON for ?domain=) and scores the fit.',
  category: 'sales',
  sampleInput: { email: 'ada@acme.example', enrich_url: 'https://enrichment.example.com/v1/companies' },
  graph: {
    blocks: [
      inputBlock('Lead', [
        { name: 'email', type: 'string', required: true, description: 'The lead’s work email' },
        { name: 'enrich_url', type: 'string', description: 'The enrichment API; it is called with ?domain=<the email’s domain>', default: 'https://enrichment.example.com/v1/companies' },
      ]),
      block('domain', 'code', 'Domain of the email', { code: "const domain = String(input.email).split('@')[1] ?? '';\nreturn { domain: domain.trim().toLowerCase() };" }, at(1)),
      block('lookup', 'http', 'Look up the company', { url: '{{input.enrich_url}}?domain={{domain.domain}}', method: 'GET', headers: { Accept: 'application/json' }, retry: { max_attempts: 2, backoff_ms: 500, backoff: 'exponential' } }, at(2)),
      block('score', 'code', 'Score the fit', { code: SCORE_LEAD_CODE }, at(3)),
      outputBlock('output', 'Enriched lead', '{{score}}', at(4)),
    ],
    edges: [edge('input', 'domain'), edge('domain', 'lookup'), edge('lookup', 'score'), edge('score', 'output')],
  },
};

export const thankYouNotes: WorkflowTemplate = {
  id: 'thank-you-notes',
  name: 'Write a note for each customer (loop)',
  description: 'Loops over a list of customers and their purchases, and has an LLM write each one a personal one-line thank-you note.',
  category: 'sales',
  sampleInput: {
    customers: [
      { name: 'Ada', purchase: 'the annual plan' },
      { name: 'Linus', purchase: 'two extra seats' },
    ],
  },
  graph: {
    blocks: [
      inputBlock('Customers', [{ name: 'customers', type: 'array', required: true, description: 'A list of {"name", "purchase"}' }]),
      block('each_customer', 'loop', 'For each customer', { items: '{{input.customers}}', concurrency: 4 }, at(1)),
      block(
        'note',
        'llm',
        'Write the note',
        { model: MODEL, prompt: 'Write a warm one-line thank-you note to {{loop.item.name}} for buying {{loop.item.purchase}}. Answer with the note only.' },
        { x: 24, y: 96 },
        'each_customer',
      ),
      block('pair', 'code', 'Pair name and note', { code: 'return { name: loop.item.name, note: note.output };' }, { x: 296, y: 96 }, 'each_customer'),
      outputBlock('output', 'Notes', { notes: '{{each_customer.results}}' }, at(3)),
    ],
    edges: [edge('input', 'each_customer'), edge('note', 'pair'), edge('each_customer', 'output')],
  },
};
