import { MODEL, at, block, edge, inputBlock, outputBlock } from './build';
import type { WorkflowTemplate } from './types';

// Templates for answering customers: sorting what comes in, and replying with a person in the loop.

export const classify: WorkflowTemplate = {
  id: 'classify',
  name: 'Classify then branch',
  description: 'An LLM sorts an incoming message as urgent or normal, and the workflow takes a different path for each.',
  category: 'support',
  sampleInput: { message: 'Our checkout page has been down for an hour and customers cannot pay.' },
  graph: {
    blocks: [
      inputBlock('Incoming message', [{ name: 'message', type: 'string', required: true, description: 'The message to classify' }]),
      block(
        'classify',
        'llm',
        'Classify',
        {
          model: MODEL,
          system: 'You triage customer messages. Answer with JSON only.',
          prompt:
            'Classify this message as "urgent" or "normal".\n' +
            'Answer as {"category": "urgent" or "normal", "reason": "one short sentence"}.\n\n' +
            'Message:\n{{input.message}}',
          response_format: 'json',
        },
        at(1),
      ),
      block('is_urgent', 'condition', 'Is it urgent?', { expression: "classify.output.category === 'urgent'" }, at(2)),
      outputBlock('urgent', 'Urgent', { priority: 'urgent', reason: '{{classify.output.reason}}', message: '{{input.message}}' }, at(3, -0.75)),
      outputBlock('normal', 'Normal', { priority: 'normal', reason: '{{classify.output.reason}}', message: '{{input.message}}' }, at(3, 0.75)),
    ],
    edges: [edge('input', 'classify'), edge('classify', 'is_urgent'), edge('is_urgent', 'urgent', 'true'), edge('is_urgent', 'normal', 'false')],
  },
};

const TEAMS = [
  { route: 'billing', team: 'Billing', row: -1.5 },
  { route: 'bug', team: 'Engineering', row: -0.5 },
  { route: 'account', team: 'Accounts', row: 0.5 },
] as const;

export const supportTriage: WorkflowTemplate = {
  id: 'support-triage',
  name: 'Triage support email by category',
  description: 'An LLM reads a support email and files it as billing, bug or account; a router hands it to that team (anything else goes to the general queue).',
  category: 'support',
  sampleInput: { subject: 'Charged twice', body: 'Hi, my card was charged twice for the March invoice. Can you refund one of them?' },
  graph: {
    blocks: [
      inputBlock('Support email', [
        { name: 'subject', type: 'string', description: 'The email’s subject line' },
        { name: 'body', type: 'string', required: true, description: 'The email’s text' },
      ]),
      block(
        'triage',
        'llm',
        'Read and categorize',
        {
          model: MODEL,
          system: 'You sort support email for a software company. Answer with JSON only.',
          prompt:
            'Categorize this email as "billing", "bug", "account" or "other", and summarize it in one sentence.\n' +
            'Answer as {"category": "...", "summary": "..."}.\n\nSubject: {{input.subject}}\n\n{{input.body}}',
          response_format: 'json',
          temperature: 0,
        },
        at(1),
      ),
      block('route', 'router', 'Route to a team', { routes: TEAMS.map(({ route }) => ({ id: route, condition: `triage.output.category === '${route}'` })), mode: 'first' }, at(2)),
      ...TEAMS.map(({ route, team, row }) => outputBlock(`to_${route}`, team, { team, summary: '{{triage.output.summary}}', subject: '{{input.subject}}' }, at(3, row))),
      outputBlock('to_general', 'General queue', { team: 'General', summary: '{{triage.output.summary}}', subject: '{{input.subject}}' }, at(3, 1.5)),
    ],
    edges: [
      edge('input', 'triage'),
      edge('triage', 'route'),
      ...TEAMS.map(({ route }) => edge('route', `to_${route}`, route)),
      edge('route', 'to_general', 'default'),
    ],
  },
};

export const sentiment: WorkflowTemplate = {
  id: 'sentiment',
  name: 'Reply to reviews by sentiment',
  description: 'Scores the sentiment of a customer review; unhappy customers get an apology drafted for a person to send, happy ones a thank-you.',
  category: 'support',
  sampleInput: { review: 'The app keeps logging me out and support never answered my email.', customer: 'Sam' },
  graph: {
    blocks: [
      inputBlock('Review', [
        { name: 'review', type: 'string', required: true, description: 'What the customer wrote' },
        { name: 'customer', type: 'string', description: 'The customer’s first name', default: 'there' },
      ]),
      block(
        'score',
        'llm',
        'Score sentiment',
        {
          model: MODEL,
          system: 'You rate the sentiment of customer reviews. Answer with JSON only.',
          prompt: 'Rate this review from -1 (very unhappy) to 1 (very happy).\nAnswer as {"score": number, "topic": "what it is mostly about"}.\n\n{{input.review}}',
          response_format: 'json',
          temperature: 0,
        },
        at(1),
      ),
      block('unhappy', 'condition', 'Unhappy?', { expression: 'score.output.score < 0' }, at(2)),
      block(
        'apology',
        'llm',
        'Draft an apology',
        { model: MODEL, prompt: 'Write a short, sincere reply to {{input.customer}}, who is unhappy about {{score.output.topic}}. Offer help; promise nothing specific.\n\nTheir review:\n{{input.review}}' },
        at(3, -0.75),
      ),
      outputBlock('escalate', 'Needs a person', { escalate: true, score: '{{score.output.score}}', draft_reply: '{{apology.output}}' }, at(4, -0.75)),
      outputBlock('thank', 'Thank them', { escalate: false, score: '{{score.output.score}}', draft_reply: 'Thank you for the kind words, {{input.customer}}!' }, at(3, 0.75)),
    ],
    edges: [edge('input', 'score'), edge('score', 'unhappy'), edge('unhappy', 'apology', 'true'), edge('apology', 'escalate'), edge('unhappy', 'thank', 'false')],
  },
};

export const approvedReply: WorkflowTemplate = {
  id: 'approved-reply',
  name: 'Draft a reply, approve it, then send',
  description: 'An LLM drafts an answer to a customer; the run pauses until a person approves it, then posts it to your mail or helpdesk API.',
  category: 'support',
  sampleInput: {
    question: 'Can I change the email address on my account?',
    customer_email: 'sam@example.com',
    send_url: 'https://helpdesk.example.com/api/replies',
  },
  graph: {
    blocks: [
      inputBlock('Customer question', [
        { name: 'question', type: 'string', required: true, description: 'What the customer asked' },
        { name: 'customer_email', type: 'string', required: true, description: 'Where the reply goes' },
        { name: 'send_url', type: 'string', required: true, description: 'The API that sends the reply (it receives {"to", "text"} as JSON)' },
      ]),
      block('draft', 'llm', 'Draft a reply', { model: MODEL, system: 'You are a friendly, concise support agent.', prompt: 'Write a reply to this customer question:\n\n{{input.question}}' }, at(1)),
      block('review', 'approval', 'Approve the reply', { message: 'Send this reply to {{input.customer_email}}?\n\n{{draft.output}}', timeout_seconds: 86_400, on_timeout: 'reject' }, at(2)),
      block('send', 'http', 'Send it', { url: '{{input.send_url}}', method: 'POST', body: { to: '{{input.customer_email}}', text: '{{draft.output}}' }, retry: { max_attempts: 3, backoff_ms: 1000, backoff: 'exponential' } }, at(3, -0.75)),
      outputBlock('sent', 'Sent', { sent: true, status: '{{send.status}}', reply: '{{draft.output}}' }, at(4, -0.75)),
      outputBlock('not_sent', 'Not sent', { sent: false, reply: '{{draft.output}}', decided_by: '{{review.by}}' }, at(3, 0.75)),
    ],
    edges: [edge('input', 'draft'), edge('draft', 'review'), edge('review', 'send', 'approved'), edge('send', 'sent'), edge('review', 'not_sent', 'rejected')],
  },
};
