import { field, input, llm, output, step, template } from './build';

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

export const httpAndCode = template('data', 'http-code', 'Call an HTTP API and transform the result with code', {
  description: 'Looks up a GitHub repository and keeps a few fields of the answer with a little JavaScript.',
  input: input('Repository', [
    field('owner', 'string', 'The repository’s owner, e.g. vercel', { required: true, sample: 'vercel' }),
    field('repo', 'string', 'The repository’s name, e.g. next.js', { required: true, sample: 'next.js' }),
    field('api_url', 'string', 'The GitHub API (or GitHub Enterprise’s)', { default: 'https://api.github.com' }),
  ]),
  steps: [
    step('fetch_repo', 'http', 'Fetch from GitHub', { url: '{{input.api_url}}/repos/{{input.owner}}/{{input.repo}}', method: 'GET', headers: { Accept: 'application/vnd.github+json' } }),
    step('pick_fields', 'code', 'Pick fields', { code: PICK_FIELDS_CODE }),
    output('output', 'Repository facts', '{{pick_fields}}'),
  ],
});

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

export const extractFields = template('data', 'extract-fields', 'Extract fields from text as JSON', {
  description: 'An LLM pulls a name, email, company and intent out of free text (an email, a chat, a form note); code checks and tidies the result.',
  input: input('Text', [
    field('text', 'string', 'The text to read', { required: true, sample: 'Hello, this is Grace Hopper from Navy Labs (GRACE@navylabs.example). We would like a quote for 50 seats.' }),
  ]),
  steps: [
    llm('extract', 'Extract fields', {
      system: 'You extract data from text. Answer with JSON only; use null for anything the text does not say.',
      prompt: 'From this text, extract {"name", "email", "company", "intent": "buy" | "support" | "partnership" | "other"}.\n\n{{input.text}}',
      response_format: 'json',
      temperature: 0,
    }),
    step('normalize', 'code', 'Check and tidy', { code: NORMALIZE_CONTACT_CODE }),
    output('output', 'Contact', '{{normalize}}'),
  ],
});

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

export const cleanRows = template('data', 'clean-rows', 'Clean up a list of contacts with code', {
  description: 'Tidies rows from a spreadsheet or CSV export: trims text, lower-cases emails, removes rows without a valid email and duplicates, and says why each row was dropped.',
  input: input('Rows', [
    field('rows', 'array', 'A list of objects, one per row', {
      required: true,
      sample: [
        { Name: ' Ada Lovelace ', Email: 'ADA@example.com ' },
        { Name: 'Ada L.', Email: 'ada@example.com' },
        { Name: 'No Email', Email: '' },
        { Name: 'Alan Turing', Email: 'alan@example.com' },
      ],
    }),
  ]),
  steps: [step('clean', 'code', 'Clean the rows', { code: CLEAN_ROWS_CODE }), output('output', 'Clean rows', '{{clean}}')],
});
