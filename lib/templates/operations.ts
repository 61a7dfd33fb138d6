import { anyInput, field, input, llm, output, step, template } from './build';

// Templates that run on their own: on a webhook, on a schedule, or waiting for something to finish.

export const webhookSummary = template('operations', 'webhook-summary', 'Summarize a webhook payload', {
  description: 'Another service posts an event (an order, a deploy, an alert) to this workflow’s webhook; an LLM turns its JSON into a one-line update for your team chat.',
  trigger: { kind: 'webhook', config: { auth: 'bearer', mode: 'async' } },
  input: anyInput('Webhook payload', { event: 'order.created', order: { id: 'ord_1042', total: 129.5, currency: 'EUR', items: 3 }, customer: { name: 'Ada', country: 'DE' } }),
  steps: [
    llm('summarize_event', 'Summarize the event', {
      system: 'You write one-line status updates for a team chat. Plain text, no preamble.',
      prompt: 'Say in one sentence what happened and whether anyone needs to act.\n\nEvent JSON:\n{{input}}',
      temperature: 0,
    }),
    output('output', 'Update', { summary: '{{summarize_event.output}}', event: '{{input.event}}' }),
  ],
});

const PICK_STORIES_CODE = `// Takes the list from the feed's answer (an array, or an object with "hits" or "items") and keeps the top ones.
const body = fetch_feed.body;
const list = Array.isArray(body) ? body : (body?.hits ?? body?.items ?? []);
const stories = list.slice(0, input.limit).map((item) => ({
  title: item.title ?? item.name ?? String(item),
  url: item.url ?? item.link ?? null,
}));
return { stories, count: stories.length };`;

export const dailyDigest = template('operations', 'daily-digest', 'Daily digest on a schedule', {
  description: 'Every weekday at 8:00 it fetches a JSON feed (Hacker News’ front page to start with), keeps the top stories and has an LLM write a short digest.',
  trigger: { kind: 'schedule', config: { cron: '0 8 * * 1-5', timezone: 'UTC' } },
  input: input('Settings', [
    field('feed_url', 'string', 'A URL answering JSON: a list, or an object with "hits" or "items"', { default: 'https://hn.algolia.com/api/v1/search?tags=front_page' }),
    field('limit', 'integer', 'How many stories go into the digest', { default: 10 }),
  ]),
  steps: [
    step('fetch_feed', 'http', 'Fetch the feed', { url: '{{input.feed_url}}', method: 'GET', retry: { max_attempts: 3, backoff_ms: 2000, backoff: 'exponential' } }),
    step('pick', 'code', 'Pick the top stories', { code: PICK_STORIES_CODE }),
    llm('digest', 'Write the digest', {
      prompt: 'Write a friendly morning digest of these {{pick.count}} stories: one short line each, then one sentence on the common theme.\n\n{{pick.stories}}',
    }),
    output('output', 'Digest', { digest: '{{digest.output}}', stories: '{{pick.stories}}' }),
  ],
});

/** Asks the job's status URL, retrying if the API hiccups. */
const checkJob = (id: string, name: string) =>
  step(id, 'http', name, { url: '{{input.status_url}}', method: 'GET', retry: { max_attempts: 3, backoff_ms: 1000, backoff: 'exponential' } });

export const waitForJob = template('operations', 'wait-for-job', 'Check a job, wait, check again', {
  description: 'Asks a status URL whether a job is done (retrying if the API hiccups); if not, the run pauses for five minutes without holding the server, then checks once more.',
  input: input('Job', [
    field('status_url', 'string', 'A URL answering JSON with a "status" field ("done" when finished)', { required: true, sample: 'https://jobs.example.com/api/jobs/42' }),
  ]),
  steps: [checkJob('check', 'Check the job'), step('done', 'condition', 'Done?', { expression: "check.status === 200 && check.body?.status === 'done'" })],
  branches: [
    { on: 'true', row: -0.75, steps: [output('finished', 'Finished', { status: '{{check.body.status}}', checks: 1 })] },
    {
      on: 'false',
      row: 0.75,
      steps: [
        step('later', 'wait', 'Wait five minutes', { seconds: 300 }),
        checkJob('check_again', 'Check again'),
        output('rechecked', 'After waiting', { status: '{{check_again.body.status}}', checks: 2 }),
      ],
    },
  ],
});
