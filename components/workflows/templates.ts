import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

/** A whole workflow graph, exactly as `workflows.saveGraph` takes it. */
type WorkflowGraph = inferRouterInputs<AppRouter>['workflows']['saveGraph']['graph'];
type TemplateBlock = WorkflowGraph['blocks'][number];
type TemplateEdge = WorkflowGraph['edges'][number];

export interface WorkflowTemplate {
  /** Stable id, used for test ids and keys. */
  id: string;
  /** The card's title, and the name the new workflow gets. */
  name: string;
  /** One sentence on what it does; it becomes the workflow's description. */
  description: string;
  /** The block types it uses, in order, shown as a little pipeline on the card. */
  steps: string[];
  graph: WorkflowGraph;
}

/** Horizontal distance between columns of blocks on the canvas, and vertical distance between branches. */
const COLUMN = 320;
const ROW = 160;

function at(column: number, row = 0): TemplateBlock['position'] {
  return { x: column * COLUMN, y: row * ROW };
}

function edge(source: string, target: string, sourceHandle: 'true' | 'false' | null = null): TemplateEdge {
  return { id: `${source}-${sourceHandle ? `${sourceHandle}-` : ''}${target}`, source, target, sourceHandle };
}

/** Every template starts with an Input block (id `input`, first column) asking for one required text field. */
function inputBlock(name: string, field: { name: string; description: string }): TemplateBlock {
  return { id: 'input', type: 'input', name, config: { fields: [{ name: field.name, type: 'string', required: true, description: field.description }] }, position: at(0) };
}

const summarize: WorkflowTemplate = {
  id: 'summarize',
  name: 'Summarize text with an LLM',
  description: 'Takes a text and returns a three-sentence summary written by a language model.',
  steps: ['Input', 'LLM', 'Output'],
  graph: {
    blocks: [
      inputBlock('Text to summarize', { name: 'text', description: 'The text to summarize' }),
      {
        id: 'summarize',
        type: 'llm',
        name: 'Summarize',
        config: { model: 'gpt-4o-mini', prompt: 'Summarize in three sentences:\n\n{{input.text}}' },
        position: at(1),
      },
      { id: 'output', type: 'output', name: 'Summary', config: { value: '{{summarize.output}}' }, position: at(2) },
    ],
    edges: [edge('input', 'summarize'), edge('summarize', 'output')],
  },
};

const classify: WorkflowTemplate = {
  id: 'classify',
  name: 'Classify then branch',
  description: 'An LLM sorts an incoming message as urgent or normal, and the workflow takes a different path for each.',
  steps: ['Input', 'LLM', 'Condition', 'Output ×2'],
  graph: {
    blocks: [
      inputBlock('Incoming message', { name: 'message', description: 'The message to classify' }),
      {
        id: 'classify',
        type: 'llm',
        name: 'Classify',
        config: {
          model: 'gpt-4o-mini',
          system: 'You triage customer messages. Answer with JSON only.',
          prompt:
            'Classify this message as "urgent" or "normal".\n' +
            'Answer as {"category": "urgent" or "normal", "reason": "one short sentence"}.\n\n' +
            'Message:\n{{input.message}}',
          response_format: 'json',
        },
        position: at(1),
      },
      {
        id: 'is_urgent',
        type: 'condition',
        name: 'Is it urgent?',
        config: { expression: "classify.output.category === 'urgent'" },
        position: at(2),
      },
      {
        id: 'urgent',
        type: 'output',
        name: 'Urgent',
        config: { value: { priority: 'urgent', reason: '{{classify.output.reason}}', message: '{{input.message}}' } },
        position: at(3, -0.75),
      },
      {
        id: 'normal',
        type: 'output',
        name: 'Normal',
        config: { value: { priority: 'normal', reason: '{{classify.output.reason}}', message: '{{input.message}}' } },
        position: at(3, 0.75),
      },
    ],
    edges: [edge('input', 'classify'), edge('classify', 'is_urgent'), edge('is_urgent', 'urgent', 'true'), edge('is_urgent', 'normal', 'false')],
  },
};

const PICK_FIELDS_CODE = `// fetch_repo is the output of the HTTP block: { status, headers, body }.
if (fetch_repo.status !== 200) {
  throw new Error(\`GitHub answered \${fetch_repo.status} for \${input.repo}\`);
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

const httpAndCode: WorkflowTemplate = {
  id: 'http-code',
  name: 'Call an HTTP API and transform the result with code',
  description: 'Looks up a GitHub repository and keeps a few fields of the answer with a little JavaScript.',
  steps: ['Input', 'HTTP', 'Code', 'Output'],
  graph: {
    blocks: [
      inputBlock('Repository', { name: 'repo', description: 'A GitHub repository as owner/name, e.g. vercel/next.js' }),
      {
        id: 'fetch_repo',
        type: 'http',
        name: 'Fetch from GitHub',
        config: { url: 'https://api.github.com/repos/{{input.repo}}', method: 'GET', headers: { Accept: 'application/vnd.github+json' } },
        position: at(1),
      },
      { id: 'pick_fields', type: 'code', name: 'Pick fields', config: { code: PICK_FIELDS_CODE }, position: at(2) },
      { id: 'output', type: 'output', name: 'Repository facts', config: { value: '{{pick_fields}}' }, position: at(3) },
    ],
    edges: [edge('input', 'fetch_repo'), edge('fetch_repo', 'pick_fields'), edge('pick_fields', 'output')],
  },
};

/** Ready-made workflows offered on the empty list and in the "From template" menu; each one is valid as it is. */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [summarize, classify, httpAndCode];
