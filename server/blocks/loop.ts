import { z } from 'zod';
import { BlockError } from './run-context';
import { defineBlock } from './types';

/** Runs the blocks inside it once per item (or `count` times), one at a time or several at once; collects results. */
export const loopBlock = defineBlock({
  type: 'loop',
  label: 'Loop',
  description: 'Runs the blocks inside it for every item of a list (or N times), one at a time or in parallel, and collects the results.',
  icon: 'repeat',
  category: 'logic',
  config: {
    /** A template resolving to an array (`{{input.rows}}`), or an array. */
    items: z.json().optional(),
    count: z.int().min(0).optional(),
    concurrency: z.int().min(1).max(32).default(1),
    max_iterations: z.int().min(1).max(100_000).default(1000),
  },
  templateFields: ['items'],
  container: { variable: 'loop', fields: ['item', 'index', 'results'] },
  summary: {
    parts: [{ field: 'items', prefix: 'for each of ' }, { field: 'count', prefix: 'times ' }, { field: 'concurrency', prefix: 'parallel ' }],
    empty: 'for each item',
  },
  outputs: { fields: ['results'] },
  defaults: { items: '{{input.items}}', concurrency: 1 },
  async run({ config, signal, runChildren }) {
    const items = iterationItems(config.items, config.count);
    if (items.length > config.max_iterations) {
      throw new BlockError(`${items.length} iterations are more than max_iterations (${config.max_iterations})`, 'too_many_iterations', false);
    }
    const results: unknown[] = new Array<unknown>(items.length).fill(null);
    // The first failing iteration stops the others: no new ones start, running ones are aborted.
    const stop = new AbortController();
    const iterationSignal = AbortSignal.any([signal, stop.signal]);
    let next = 0;
    const worker = async () => {
      while (next < items.length && !iterationSignal.aborted) {
        const index = next++;
        const variables = { loop: { item: items[index], index, results: results.slice(0, index) } };
        results[index] = await runChildren(variables, index, iterationSignal);
      }
    };
    const workers = Array.from({ length: Math.min(config.concurrency, items.length) }, () =>
      worker().catch((error: unknown) => {
        stop.abort(error);
        throw error;
      }),
    );
    await Promise.all(workers);
    return { results };
  },
  fieldHints: {
    items: { widget: 'text', label: 'Items', placeholder: '{{input.items}}', help: 'A template resolving to a list: the blocks inside run once per item ({{loop.item}}, {{loop.index}}).' },
    count: { widget: 'number', label: 'Count', help: 'Or: run the blocks inside this many times (when there are no items).' },
    concurrency: { widget: 'number', label: 'Concurrency', help: 'How many iterations run at once (1 = one after another, at most 32).' },
    max_iterations: { widget: 'number', label: 'Max iterations', help: 'Refuse lists longer than this.', advanced: true },
  },
});

function iterationItems(items: unknown, count: number | undefined): unknown[] {
  if (Array.isArray(items)) return items;
  if ((items === undefined || items === null || items === '') && count !== undefined) return Array.from({ length: count }, (_, index) => index);
  const got = items === undefined ? 'nothing' : JSON.stringify(items).slice(0, 80);
  throw new BlockError(`items must resolve to a list (or set count), got ${got}`, 'invalid_items', false);
}
