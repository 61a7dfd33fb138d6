import { field, input, llm, output, step, template } from './build';

// Templates for answering customers: sorting what comes in, and replying with a person in the loop.

/** Where the classified message ends up: the same fields on either path. */
const sortedAs = (priority: 'urgent' | 'normal', name: string) => output(priority, name, { priority, reason: '{{classify.output.reason}}', message: '{{input.message}}' });

export const classify = template('support', 'classify', 'Classify then branch', {
  description: 'An LLM sorts an incoming message as urgent or normal, and the workflow takes a different path for each.',
  input: input('Incoming message', [field('message', 'string', 'The message to classify', { required: true, sample: 'Our checkout page has been down for an hour and customers cannot pay.' })]),
  steps: [
    llm('classify', 'Classify', {
      system: 'You triage customer messages. Answer with JSON only.',
      prompt:
        'Classify this message as "urgent" or "normal".\n' +
        'Answer as {"category": "urgent" or "normal", "reason": "one short sentence"}.\n\n' +
        'Message:\n{{input.message}}',
      response_format: 'json',
    }),
    step('is_urgent', 'condition', 'Is it urgent?', { expression: "classify.output.category === 'urgent'" }),
  ],
  branches: [
    { on: 'true', row: -0.75, steps: [sortedAs('urgent', 'Urgent')] },
    { on: 'false', row: 0.75, steps: [sortedAs('normal', 'Normal')] },
  ],
});

const TEAMS = [
  { route: 'billing', team: 'Billing', row: -1.5 },
  { route: 'bug', team: 'Engineering', row: -0.5 },
  { route: 'account', team: 'Accounts', row: 0.5 },
] as const;

/** Hands the triaged email to a team's queue. */
const handOver = (id: string, name: string, team: string) => output(id, name, { team, summary: '{{triage.output.summary}}', subject: '{{input.subject}}' });

export const supportTriage = template('support', 'support-triage', 'Triage support email by category', {
  description: 'An LLM reads a support email and files it as billing, bug or account; a router hands it to that team (anything else goes to the general queue).',
  input: input('Support email', [
    field('subject', 'string', 'The email’s subject line', { sample: 'Charged twice' }),
    field('body', 'string', 'The email’s text', { required: true, sample: 'Hi, my card was charged twice for the March invoice. Can you refund one of them?' }),
  ]),
  steps: [
    llm('triage', 'Read and categorize', {
      system: 'You sort support email for a software company. Answer with JSON only.',
      prompt:
        'Categorize this email as "billing", "bug", "account" or "other", and summarize it in one sentence.\n' +
        'Answer as {"category": "...", "summary": "..."}.\n\nSubject: {{input.subject}}\n\n{{input.body}}',
      response_format: 'json',
      temperature: 0,
    }),
    step('route', 'router', 'Route to a team', { routes: TEAMS.map(({ route }) => ({ id: route, condition: `triage.output.category === '${route}'` })), mode: 'first' }),
  ],
  branches: [
    ...TEAMS.map(({ route, team, row }) => ({ on: route, row, steps: [handOver(`to_${route}`, team, team)] })),
    { on: 'default', row: 1.5, steps: [handOver('to_general', 'General queue', 'General')] },
  ],
});

export const sentiment = template('support', 'sentiment', 'Reply to reviews by sentiment', {
  description: 'Scores the sentiment of a customer review; unhappy customers get an apology drafted for a person to send, happy ones a thank-you.',
  input: input('Review', [
    field('review', 'string', 'What the customer wrote', { required: true, sample: 'The app keeps logging me out and support never answered my email.' }),
    field('customer', 'string', 'The customer’s first name', { default: 'there', sample: 'Sam' }),
  ]),
  steps: [
    llm('score', 'Score sentiment', {
      system: 'You rate the sentiment of customer reviews. Answer with JSON only.',
      prompt: 'Rate this review from -1 (very unhappy) to 1 (very happy).\nAnswer as {"score": number, "topic": "what it is mostly about"}.\n\n{{input.review}}',
      response_format: 'json',
      temperature: 0,
    }),
    step('unhappy', 'condition', 'Unhappy?', { expression: 'score.output.score < 0' }),
  ],
  branches: [
    {
      on: 'true',
      row: -0.75,
      steps: [
        llm('apology', 'Draft an apology', {
          prompt: 'Write a short, sincere reply to {{input.customer}}, who is unhappy about {{score.output.topic}}. Offer help; promise nothing specific.\n\nTheir review:\n{{input.review}}',
        }),
        output('escalate', 'Needs a person', { escalate: true, score: '{{score.output.score}}', draft_reply: '{{apology.output}}' }),
      ],
    },
    { on: 'false', row: 0.75, steps: [output('thank', 'Thank them', { escalate: false, score: '{{score.output.score}}', draft_reply: 'Thank you for the kind words, {{input.customer}}!' })] },
  ],
});

export const approvedReply = template('support', 'approved-reply', 'Draft a reply, approve it, then send', {
  description: 'An LLM drafts an answer to a customer; the run pauses until a person approves it, then posts it to your mail or helpdesk API.',
  input: input('Customer question', [
    field('question', 'string', 'What the customer asked', { required: true, sample: 'Can I change the email address on my account?' }),
    field('customer_email', 'string', 'Where the reply goes', { required: true, sample: 'sam@example.com' }),
    field('send_url', 'string', 'The API that sends the reply (it receives {"to", "text"} as JSON)', { required: true, sample: 'https://helpdesk.example.com/api/replies' }),
  ]),
  steps: [
    llm('draft', 'Draft a reply', { system: 'You are a friendly, concise support agent.', prompt: 'Write a reply to this customer question:\n\n{{input.question}}' }),
    step('review', 'approval', 'Approve the reply', { message: 'Send this reply to {{input.customer_email}}?\n\n{{draft.output}}', timeout_seconds: 86_400, on_timeout: 'reject' }),
  ],
  branches: [
    {
      on: 'approved',
      row: -0.75,
      steps: [
        step('send', 'http', 'Send it', { url: '{{input.send_url}}', method: 'POST', body: { to: '{{input.customer_email}}', text: '{{draft.output}}' }, retry: { max_attempts: 3, backoff_ms: 1000, backoff: 'exponential' } }),
        output('sent', 'Sent', { sent: true, status: '{{send.status}}', reply: '{{draft.output}}' }),
      ],
    },
    { on: 'rejected', row: 0.75, steps: [output('not_sent', 'Not sent', { sent: false, reply: '{{draft.output}}', decided_by: '{{review.by}}' })] },
  ],
});
