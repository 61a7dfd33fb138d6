import { MODEL, at, block, edge, inputBlock, outputBlock } from './build';
import { SUBWORKFLOW_PLACEHOLDER, type WorkflowTemplate } from './types';

// Templates about writing and understanding text with a model.

export const summarize: WorkflowTemplate = {
  id: 'summarize',
  name: 'Summarize text with an LLM',
  description: 'Takes a text and returns a three-sentence summary written by a language model.',
  category: 'ai',
  sampleInput: { text: 'Weft is a self-hosted workflow builder. Blocks are connected on a canvas and run in order. Runs can be followed live, and any run can be opened later to see what each block did.' },
  graph: {
    blocks: [
      inputBlock('Text to summarize', [{ name: 'text', type: 'string', required: true, description: 'The text to summarize' }]),
      block('summarize', 'llm', 'Summarize', { model: MODEL, prompt: 'Summarize in three sentences:\n\n{{input.text}}' }, at(1)),
      outputBlock('output', 'Summary', '{{summarize.output}}', at(2)),
    ],
    edges: [edge('input', 'summarize'), edge('summarize', 'output')],
  },
};

export const translate: WorkflowTemplate = {
  id: 'translate',
  name: 'Translate text (with a form)',
  description: 'A hosted form asks for a text and a language; a language model translates it. Deploy it and share the form’s link.',
  category: 'ai',
  trigger: { kind: 'form', config: { access: 'workspace' } },
  sampleInput: { text: 'Thank you for your order. It ships tomorrow.', language: 'French' },
  graph: {
    blocks: [
      inputBlock('Text and language', [
        { name: 'text', type: 'string', required: true, description: 'The text to translate' },
        { name: 'language', type: 'string', description: 'The language to translate into', default: 'French' },
      ]),
      block(
        'translate',
        'llm',
        'Translate',
        { model: MODEL, system: 'You are a careful translator. Answer with the translation only.', prompt: 'Translate into {{input.language}}:\n\n{{input.text}}', temperature: 0 },
        at(1),
      ),
      outputBlock('output', 'Translation', { translation: '{{translate.output}}', language: '{{input.language}}' }, at(2)),
    ],
    edges: [edge('input', 'translate'), edge('translate', 'output')],
  },
};

export const translateMany: WorkflowTemplate = {
  id: 'translate-many',
  name: 'Translate into several languages (sub-workflow)',
  description: 'Runs the “Translate text” workflow once per language, in parallel, and collects the translations. The translation workflow is created with it.',
  category: 'ai',
  subworkflow: 'translate',
  sampleInput: { text: 'Our office is closed on Friday.', languages: ['French', 'German', 'Spanish'] },
  graph: {
    blocks: [
      inputBlock('Text and languages', [
        { name: 'text', type: 'string', required: true, description: 'The text to translate' },
        { name: 'languages', type: 'array', description: 'The languages to translate into', default: ['French', 'German', 'Spanish'] },
      ]),
      block('each_language', 'loop', 'For each language', { items: '{{input.languages}}', concurrency: 4 }, at(1)),
      block(
        'translate',
        'workflow',
        'Translate text',
        { workflow_id: SUBWORKFLOW_PLACEHOLDER, version: 'draft', input: { text: '{{input.text}}', language: '{{loop.item}}' } },
        { x: 24, y: 96 },
        'each_language',
      ),
      outputBlock('output', 'Translations', { translations: '{{each_language.results}}' }, at(3)),
    ],
    edges: [edge('input', 'each_language'), edge('each_language', 'output')],
  },
};

export const researchAgent: WorkflowTemplate = {
  id: 'research-agent',
  name: 'Answer a question with an agent and tools',
  description: 'An agent that may look up the current time and call HTTP APIs before it answers a question, step by step.',
  category: 'ai',
  sampleInput: { question: 'What weekday is it today in Tokyo?' },
  graph: {
    blocks: [
      inputBlock('Question', [{ name: 'question', type: 'string', required: true, description: 'What to ask the agent' }]),
      block(
        'research',
        'agent',
        'Research assistant',
        {
          model: MODEL,
          instructions: 'You answer questions accurately. Use the tools when the answer depends on the current time or on data an HTTP API can give. Say briefly how you found the answer.',
          prompt: '{{input.question}}',
          tools: ['current_time', 'http_request'],
          max_steps: 6,
        },
        at(1),
      ),
      outputBlock('output', 'Answer', { answer: '{{research.output}}', steps: '{{research.steps}}' }, at(2)),
    ],
    edges: [edge('input', 'research'), edge('research', 'output')],
  },
};
