import { agent, field, input, llm, loop, output, step, template } from './build';
import { SUBWORKFLOW_PLACEHOLDER } from './types';

// Templates about writing and understanding text with a model.

export const summarize = template('ai', 'summarize', 'Summarize text with an LLM', {
  description: 'Takes a text and returns a three-sentence summary written by a language model.',
  input: input('Text to summarize', [
    field('text', 'string', 'The text to summarize', {
      required: true,
      sample: 'Weft is a self-hosted workflow builder. Blocks are connected on a canvas and run in order. Runs can be followed live, and any run can be opened later to see what each block did.',
    }),
  ]),
  steps: [llm('summarize', 'Summarize', { prompt: 'Summarize in three sentences:\n\n{{input.text}}' }), output('output', 'Summary', '{{summarize.output}}')],
});

export const translate = template('ai', 'translate', 'Translate text (with a form)', {
  description: 'A hosted form asks for a text and a language; a language model translates it. Deploy it and share the form’s link.',
  trigger: { kind: 'form', config: { access: 'workspace' } },
  input: input('Text and language', [
    field('text', 'string', 'The text to translate', { required: true, sample: 'Thank you for your order. It ships tomorrow.' }),
    field('language', 'string', 'The language to translate into', { default: 'French', sample: 'French' }),
  ]),
  steps: [
    llm('translate', 'Translate', { system: 'You are a careful translator. Answer with the translation only.', prompt: 'Translate into {{input.language}}:\n\n{{input.text}}', temperature: 0 }),
    output('output', 'Translation', { translation: '{{translate.output}}', language: '{{input.language}}' }),
  ],
});

export const translateMany = template('ai', 'translate-many', 'Translate into several languages (sub-workflow)', {
  description: 'Runs the “Translate text” workflow once per language, in parallel, and collects the translations. The translation workflow is created with it.',
  subworkflow: 'translate',
  input: input('Text and languages', [
    field('text', 'string', 'The text to translate', { required: true, sample: 'Our office is closed on Friday.' }),
    field('languages', 'array', 'The languages to translate into', { default: ['French', 'German', 'Spanish'], sample: ['French', 'German', 'Spanish'] }),
  ]),
  steps: [
    loop('each_language', 'For each language', { items: '{{input.languages}}', concurrency: 4 }, [
      step('translate', 'workflow', 'Translate text', { workflow_id: SUBWORKFLOW_PLACEHOLDER, version: 'draft', input: { text: '{{input.text}}', language: '{{loop.item}}' } }),
    ]),
    output('output', 'Translations', { translations: '{{each_language.results}}' }),
  ],
});

const RESEARCH_INSTRUCTIONS =
  'You answer questions accurately. Use the tools when the answer depends on the current time or on data an HTTP API can give. Say briefly how you found the answer.';

export const researchAgent = template('ai', 'research-agent', 'Answer a question with an agent and tools', {
  description: 'An agent that may look up the current time and call HTTP APIs before it answers a question, step by step.',
  input: input('Question', [field('question', 'string', 'What to ask the agent', { required: true, sample: 'What weekday is it today in Tokyo?' })]),
  steps: [
    agent('research', 'Research assistant', { instructions: RESEARCH_INSTRUCTIONS, prompt: '{{input.question}}', tools: ['current_time', 'http_request'], max_steps: 6 }),
    output('output', 'Answer', { answer: '{{research.output}}', steps: '{{research.steps}}' }),
  ],
});
