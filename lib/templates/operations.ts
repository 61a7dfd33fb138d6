import { MODEL, at, block, edge, inputBlock, outputBlock } from './build';
import type { WorkflowTemplate } from './types';

// Templates that run on their own: on a webhook, on a schedule, or waiting for something to finish.

export const webhookSummary: WorkflowTemplate = {
  id: 'webhook-summary',
  name: 'Summarize a webhook payload',
  description: 'Another service posts an event (an order, a deploy, an alert) to this workflow’s webhook; an LLM turns its JSON into a one-line update for your team chat.',
  category: 'operations',
  trigger: { kind: 'webhook', config: { auth: 'bearer', mode: 'async' } },
  sampleInput: { event: 'order.created', order: { id: 'ord_1042', total: 129.5, currency: 'EUR', items: 3 }, customer: { name: 'Ada', country: 'DE' } },
  graph: {
    blocks: [
      // No declared fields: whatever JSON the sender posts is the input.
      block('input', 'input', 'Webhook payload', {}, at(0)),
      block(
        'summarize_event',
        'llm',
        'Summarize the event',
        {
          model: MODEL,
          system: 'You write one-line status updates for a team chat. Plain text, no preamble.',
          prompt: 'Say in one sentence what happened and whether anyone needs to act.\n\nEvent JSON:\n{{input}}',
          temperature: 0,
        },
        at(1),
      ),
      outputBlock('output', 'Update', { summary: '{{summarize_event.output}}', event: '{{input.event}}' }, at(2)),
    ],
    edges: [edge('input', 'summarize_event'), edge('summarize_event', 'output')],
  },
};

const PICK_STORIES_CODE = `// Takes the list from the feed's answer (an array, or an object with "hits" or "items") and keeps the top ones.
const body = fetch_feed.body;
const list = Array.isArray(body) ? body : (body?.hits ?? body?.items ?? []);
const stories = list.slice(0, input.limit).map((item) => ({
  title: item.title ?? item.name ?? String(item),
  url: item.url ?? item.link ?? null,
}));
return { stories, count: stories.length };`;

export const dailyDigest: WorkflowTemplate = {
  id: 'daily-digest',
  name: 'Daily digest on a schedule',
  description: 'Every weekday at 8:00 it fetches a JSON feed (Hacker News’ front page to start with), keeps the top stories and has an LLM write a short digest.',
  category: 'operations',
  trigger: { kind: 'schedule', config: { cron: '0 8 * * 1-5', timezone: 'UTC' } },
  sampleInput: {},
  graph: {
    blocks: [
      inputBlock('Settings', [
        { name: 'feed_url', type: 'string', description: 'A URL answering JSON: a list, or an object with "hits" or "items"', default: 'https://hn.algolia.com/api/v1/search?tags=front_page' },
        { name: 'limit', type: 'integer', description: 'How many stories go into the digest', default: 10 },
      ]),
      block('fetch_feed', 'http', 'Fetch the feed', { url: '{{input.feed_url}}', method: 'GET', retry: { max_attempts: 3, backoff_ms: 2000, backoff: 'exponential' } }, at(1)),
      block('pick', 'code', 'Pick the top stories', { code: PICK_STORIES_CODE }, at(2)),
      block(
        'digest',
        'llm',
        'Write the digest',
        { model: MODEL, prompt: 'Write a friendly morning digest of these {{pick.count}} stories: one short line each, then one sentence on the common theme.\n\n{{pick.stories}}' },
        at(3),
      ),
      outputBlock('output', 'Digest', { digest: '{{digest.output}}', stories: '{{pick.stories}}' }, at(4)),
    ],
    edges: [edge('input', 'fetch_feed'), edge('fetch_feed', 'pick'), edge('pick', 'digest'), edge('digest', 'output')],
  },
};

export const waitForJob: WorkflowTemplate = {
  id: 'wait-for-job',
  name: 'Check a job, wait, check again',
  description: 'Asks a status URL whether a job is done (retrying if the API hiccups); if not, the run pauses for five minutes without holding the server, then checks once more.',
  category: 'operations',
  sampleInput: { status_url: 'https://jobs.example.com/api/jobs/42' },
  graph: {
    blocks: [
      inputBlock('Job', [{ name: 'status_url', type: 'string', required: true, description: 'A URL answering JSON with a "status" field ("done" when finished)' }]),
      block('check', 'http', 'Check the job', { url: '{{input.status_url}}', method: 'GET', retry: { max_attempts: 3, backoff_ms: 1000, backoff: 'exponential' } }, at(1)),
      block('done', 'condition', 'Done?', { expression: "check.status === 200 && check.body?.status === 'done'" }, at(2)),
      outputBlock('finished', 'Finished', { status: '{{check.body.status}}', checks: 1 }, at(3, -0.75)),
      block('later', 'wait', 'Wait five minutes', { seconds: 300 }, at(3, 0.75)),
      block('check_again', 'http', 'Check again', { url: '{{input.status_url}}', method: 'GET', retry: { max_attempts: 3, backoff_ms: 1000, backoff: 'exponential' } }, at(4, 0.75)),
      outputBlock('rechecked', 'After waiting', { status: '{{check_again.body.status}}', checks: 2 }, at(5, 0.75)),
    ],
    edges: [
      edge('input', 'check'),
      edge('check', 'done'),
      edge('done', 'finished', 'true'),
      edge('done', 'later', 'false'),
      edge('later', 'check_again'),
      edge('check_again', 'rechecked'),
    ],
  },
};
