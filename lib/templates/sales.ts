import { field, input, llm, loop, output, step, template } from './build';

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

export const enrichLead = template('sales', 'enrich-lead', 'Enrich a lead from an HTTP API', {
  description: 'Takes a lead’s email, looks its company up in an enrichment API of your choice (any URL that answers JSON for ?domain=) and scores the fit.',
  input: input('Lead', [
    field('email', 'string', 'The lead’s work email', { required: true, sample: 'ada@acme.example' }),
    field('enrich_url', 'string', 'The enrichment API; it is called with ?domain=<the email’s domain>', {
      default: 'https://enrichment.example.com/v1/companies',
      sample: 'https://enrichment.example.com/v1/companies',
    }),
  ]),
  steps: [
    step('domain', 'code', 'Domain of the email', { code: "const domain = String(input.email).split('@')[1] ?? '';\nreturn { domain: domain.trim().toLowerCase() };" }),
    step('lookup', 'http', 'Look up the company', { url: '{{input.enrich_url}}?domain={{domain.domain}}', method: 'GET', headers: { Accept: 'application/json' }, retry: { max_attempts: 2, backoff_ms: 500, backoff: 'exponential' } }),
    step('score', 'code', 'Score the fit', { code: SCORE_LEAD_CODE }),
    output('output', 'Enriched lead', '{{score}}'),
  ],
});

export const thankYouNotes = template('sales', 'thank-you-notes', 'Write a note for each customer (loop)', {
  description: 'Loops over a list of customers and their purchases, and has an LLM write each one a personal one-line thank-you note.',
  input: input('Customers', [
    field('customers', 'array', 'A list of {"name", "purchase"}', { required: true, sample: [{ name: 'Ada', purchase: 'the annual plan' }, { name: 'Linus', purchase: 'two extra seats' }] }),
  ]),
  steps: [
    loop('each_customer', 'For each customer', { items: '{{input.customers}}', concurrency: 4 }, [
      llm('note', 'Write the note', { prompt: 'Write a warm one-line thank-you note to {{loop.item.name}} for buying {{loop.item.purchase}}. Answer with the note only.' }),
      step('pair', 'code', 'Pair name and note', { code: 'return { name: loop.item.name, note: note.output };' }),
    ]),
    output('output', 'Notes', { notes: '{{each_customer.results}}' }),
  ],
});
