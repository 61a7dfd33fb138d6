import { z } from 'zod';
import { BlockError } from './run-context';
import { defineBlock } from './types';

/** Waits up to this long keep the execution running; a longer one pauses it (`waiting`) and holds no process. */
const INLINE_WAIT_MS = 30_000;
const MAX_WAIT_SECONDS = 366 * 86_400;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    function stop() {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Waits for a number of seconds or until a time, then goes on. */
export const waitBlock = defineBlock({
  type: 'wait',
  label: 'Wait',
  description: 'Waits for a number of seconds or until a time; a long wait pauses the execution without holding the server.',
  icon: 'hourglass',
  category: 'logic',
  config: {
    seconds: z.number().min(0).max(MAX_WAIT_SECONDS).optional(),
    /** An ISO 8601 time, or a template rendering to one. */
    until: z.string().min(1).optional(),
  },
  templateFields: ['until'],
  summary: { parts: [{ field: 'seconds', prefix: 'for ' }, { field: 'until', prefix: 'until ' }], separator: ' ', empty: 'for 0 s' },
  outputs: { fields: ['waited_ms'] },
  pauses: (config) =>
    config.until !== undefined
      ? 'a wait until a time may be longer than 30 s, and then it pauses the execution'
      : (config.seconds ?? 0) * 1000 > INLINE_WAIT_MS
        ? 'a wait longer than 30 s pauses the execution'
        : null,
  defaults: { seconds: 5 },
  async run({ config, signal, suspend }) {
    const now = Date.now();
    let target = now + (config.seconds ?? 0) * 1000;
    if (config.until !== undefined) {
      target = Date.parse(config.until);
      if (Number.isNaN(target)) throw new BlockError(`until must be an ISO 8601 time, not "${config.until}"`, 'invalid_time', false);
    }
    const ms = Math.max(0, target - now);
    if (ms > INLINE_WAIT_MS) {
      suspend({ message: null, awaits_decision: false, resume_at: new Date(target).toISOString(), on_time: { output: { waited_ms: ms } } });
    }
    await sleep(ms, signal);
    return { waited_ms: ms };
  },
  fieldHints: {
    seconds: { widget: 'number', label: 'Seconds', help: 'How long to wait. Longer than 30 s pauses the execution (status "waiting") until then.' },
    until: { widget: 'text', label: 'Until', placeholder: '2026-12-24T18:00:00Z', help: 'Or: an ISO 8601 time to wait until (a template is fine); it wins over seconds.' },
  },
});
