import { MODEL, at, block, edge, inputBlock, outputBlock } from './build';
import type { WorkflowTemplate } from './types';

// Templates that fetch, reshape and clean data.

const PICK_FIELDS_CODE = `// fetch_repo is the output of the HTTP block: { status, headers, body }.
if (fetch_repo.status !== 200) {
  throw new Error(\`The API answered \${fetch_repo.status} for \${input.owner}/\${input.repo}\`);
}
const repo = fetch_repo.body;
return {
  name: repo.full_name,
  description: repo.description,
  stars: repo.stargazers_count,
  forks: repo.forks_count,
  language: repo.language,
  url: repo.html_url,
};`;

export const httpAndCode: WorkflowTemplate = {
  id: 'http-code',
  name: 'Call an HTTP API and transform the result with code',
  description: 'Looks up a GitHub repository and keeps a few fields of the answer with a little JavaScript.',
  category: 'data',
  sampleInput: { owner: 'vercel', repo: 'next.js' },
  graph: {
    blocks: [
      inputBlock('Repository', [
        { name: 'owner', type: 'string', required: true, description: 'The repository’s owner, e.g. vercel' },
        { name: 'repo', type: 'string', required: true, description: 'The repository’s name, e.g. next.js' },
        { name: 'api_url', type: 'string', description: 'The GitHub API (or GitHub Enterprise’s)', default: 'https://api.github.com' },
      ]),
      block('fetch_repo', 'http', 'Fetch from GitHub', { url: '{{input.api_url}}/repos/{{input.owner}}/{{input.repo}}', method: 'GET', headers: { Accept: 'application/vnd.github+json' } }, at(1)),
      block('pick_fields', 'code', 'Pick fields', { code: PICK_FIELDS_CODE }, at(2)),
      outputBlock('output', 'Repository facts', '{{pick_fields}}', at(3)),
    ],
    edges: [edge('input', 'fetch_repo'), edge('fetch_repo', 'pick_fields'), edge('pick_fields', 'output')],
  },
};

const NORMALIZE_CONTACT_CODE = `// The model's JSON, checked: a missing field is null, the email is trimmed and lower-cased.
const found = extract.output ?? {};
const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const email = text(found.email)?.toLowerCase() ?? null;
return {
  name: text(found.name),
  email: email && /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(email) ? email : null,
  company: text(found.company),
  intent: ['buy', 'support', 'partnership', 'other'].includes(found.intent) ? found.intent : 'other',
};`;

export const extractFields: WorkflowTemplate = {
  id: 'extract-fields',
  name: 'Extract fields from text as JSON',
  description: 'An LLM pulls a name, email, company and intent out of free text (an email, a chat, a form note); code checks and tidies the result.',
  category: 'data',
  sampleInput: { text: 'Hello, this is Grace Hopper from Navy Labs (GRACE@navylabs.example). We would like a quote for 50 seats.' },
  graph: {
    blocks: [
      inputBlock('Text', [{ name: 'text', type: 'string', required: true, description: 'The text to read' }]),
      block(
        'extract',
        'llm',
        'Extract fields',
        {
          model: MODEL,
          system: 'You extract data from text. Answer with JSON only; use null for anything the text does not say.',
          prompt: 'From this text, extract {"name", "email", "company", "intent": "buy" | "support" | "partnership" | "other"}.\n\n{{input.text}}',
          response_format: 'json',
          temperature: 0,
        },
        at(1),
      ),
      block('normalize', 'code', 'Check and tidy', { code: NORMALIZE_CONTACT_CODE }, at(2)),
      outputBlock('output', 'Contact', '{{normalize}}', at(3)),
    ],
    edges: [edge('input', 'extract'), edge('extract', 'normalize'), edge('normalize', 'output')],
  },
};

const CLEAN_ROWS_CODE = `// Trims every text, lower-cases emails, drops rows without a valid email and keeps the first row per email.
const seen = new Set();
const rows = [];
const dropped = [];
for (const [index, raw] of (input.rows ?? []).entries()) {
  const row = Object.fromEntries(Object.entries(raw ?? {}).map(([key, value]) => [key.trim().toLowerCase(), typeof value === 'string' ? value.trim() : value]));
  const email = typeof row.email === 'string' ? row.email.toLowerCase() : '';
  if (!/^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(email)) dropped.push({ row: index, reason: 'no valid email' });
  else if (seen.has(email)) dropped.push({ row: index, reason: 'duplicate of ' + email });
  else {
    seen.add(email);
    rows.push({ ...row, email });
  }
}
return { rows, kept: rows.length, dropped };`;

export const cleanRows: WorkflowTemplate = {
  id: 'clean-rows',
  name: 'Clean up a list of contacts with code',
  description: 'Tidies rows from a spreadsheet or CSV export: trims text, lower-cases emails, removes rows without a valid email and duplicates, and says why each row was dropped.',
  category: 'data',
  sampleInput: {
    rows: [
      { Name: ' Ada Lovelace ', Email: 'ADA@example.com ' },
      { Name: 'Ada L.', Email: 'ada@example.com' },
      { Name: 'No Email', Email: '' },
      { Name: 'Alan Turing', Email: 'alan@example.com' },
    ],
  },
  graph: {
    blocks: [
      inputBlock('Rows', [{ name: 'rows', type: 'array', required: true, description: 'A list of objects, one per row' }]),
      block('clean', 'code', 'Clean the rows', { code: CLEAN_ROWS_CODE }, at(1)),
      outputBlock('output', 'Clean rows', '{{clean}}', at(2)),
    ],
    edges: [edge('input', 'clean'), edge('clean', 'output')],
  },
};
