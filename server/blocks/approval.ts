import { z } from 'zod';
import { selectHint } from './common';
import { defineBlock } from './types';

const MAX_TIMEOUT_SECONDS = 90 * 86_400;

/** Pauses the execution until a person approves or rejects (or the timeout decides); continues down that branch. */
export const approvalBlock = defineBlock({
  type: 'approval',
  label: 'Approval',
  description: 'Pauses the run until someone approves or rejects it (page, link or API), then continues down that branch.',
  icon: 'user-check',
  category: 'logic',
  config: {
    message: z.string().optional(),
    timeout_seconds: z.int().positive().max(MAX_TIMEOUT_SECONDS).optional(),
    on_timeout: z.enum(['approve', 'reject', 'fail']).default('fail'),
  },
  templateFields: ['message'],
  sourceHandles: [
    { id: 'approved', tone: 'success' },
    { id: 'rejected', tone: 'danger' },
  ],
  branch: { outputField: 'decision' },
  pauses: () => 'it waits for a decision',
  summary: { parts: [{ field: 'message', format: 'words' }], empty: 'Waits for a decision' },
  outputs: { fields: ['decision', 'data', 'by', 'at'] },
  defaults: { message: 'Please approve', on_timeout: 'fail' },
  async run({ config, suspend }) {
    const seconds = config.timeout_seconds;
    const resumeAt = seconds === undefined ? null : new Date(Date.now() + seconds * 1000).toISOString();
    const decided = config.on_timeout === 'approve' ? 'approved' : 'rejected';
    return suspend({
      message: config.message ?? null,
      awaits_decision: true,
      resume_at: resumeAt,
      on_time:
        config.on_timeout === 'fail'
          ? { error: { message: `No decision within ${seconds} s`, code: 'approval_timeout' } }
          : { output: { decision: decided, data: null, by: 'timeout', at: resumeAt } },
    });
  },
  fieldHints: {
    message: { widget: 'textarea', label: 'Message', help: 'What the people deciding read; templates allowed.' },
    timeout_seconds: { widget: 'number', label: 'Timeout (s)', help: 'Decide by itself after this long; no timeout when empty.' },
    on_timeout: selectHint('On timeout', { fail: 'Fail the execution', approve: 'Approve', reject: 'Reject' }),
  },
});
