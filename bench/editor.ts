// The workflow editor with a 500-block workflow, in Debian's chromium against the production server: the time from
// navigation start to the first block painted on the canvas, and frame times while a block is dragged with the
// mouse. Prints figures, asserts nothing. Run: `npx tsx bench/editor.ts` (builds the app first if it is stale).
import { chromium, type Locator, type Page } from '@playwright/test';
import { newPerson, signUp } from '../e2e/helpers/auth';
import { startServer, stopServer, tempDataDir } from '../e2e/helpers/server';
import { percentile } from './support/stats';

const PORT = Number(process.env.BENCH_PORT ?? 3192);
const BLOCKS = 500;
const LOADS = Number(process.env.BENCH_LOADS ?? 6);
const DRAGS = Number(process.env.BENCH_DRAGS ?? 6);
const LANES = 10;

/** input → LANES chains of code blocks → output: 500 blocks, every one reachable, laid out on a grid. */
function bigGraph() {
  const perLane = Math.floor((BLOCKS - 2) / LANES);
  const blocks: { id: string; type: string; config: Record<string, unknown>; position: { x: number; y: number } }[] = [
    { id: 'input', type: 'input', config: { fields: [{ name: 'n', type: 'number', required: false }] }, position: { x: 0, y: (LANES * 112) / 2 } },
  ];
  const edges: { source: string; target: string }[] = [];
  let made = 0;
  for (let lane = 0; lane < LANES; lane++) {
    const count = lane === LANES - 1 ? BLOCKS - 2 - made : perLane;
    for (let step = 0; step < count; step++) {
      const id = `b_${lane}_${step}`;
      const previous = step === 0 ? 'input' : `b_${lane}_${step - 1}`;
      blocks.push({ id, type: 'code', config: { code: `return (${previous === 'input' ? 'input.n' : `${previous}`} ?? 0) + 1` }, position: { x: 320 * (step + 1), y: lane * 112 } });
      edges.push({ source: previous, target: id });
      made++;
    }
  }
  blocks.push({ id: 'output', type: 'output', config: {}, position: { x: 320 * (perLane + 2), y: (LANES * 112) / 2 } });
  for (let lane = 0; lane < LANES; lane++) {
    const last = blocks.filter((block) => block.id.startsWith(`b_${lane}_`)).at(-1)!;
    edges.push({ source: last.id, target: 'output' });
  }
  return { blocks, edges };
}

async function trpc<T>(page: Page, origin: string, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input }, headers: { origin, 'content-type': 'application/json' } });
  const body = await response.json();
  if (!response.ok()) throw new Error(`${procedure}: ${response.status()} ${JSON.stringify(body).slice(0, 500)}`);
  return body.result.data.json as T;
}

/** Records, from navigation start, when the first canvas node is visible on screen (after the frame that shows it). */
const FIRST_NODE_PROBE = `
  (() => {
    window.__weftFirstNode = null;
    const check = () => {
      if (window.__weftFirstNode !== null) return true;
      const node = document.querySelector('.react-flow__node');
      if (node && getComputedStyle(node).visibility !== 'hidden' && node.getBoundingClientRect().width > 0) {
        requestAnimationFrame(() => { window.__weftFirstNode = performance.now(); });
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    const start = () => observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
    if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
  })();
`;

/** Starts timing every frame into window.__frames until window.__frameLoop is cleared. A string, because tsx's
 * transpiled functions carry helpers that do not exist in the page. */
const FRAME_LOOP = `
  (() => {
    window.__frames = [];
    window.__frameLoop = true;
    let last = 0;
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__frameLoop) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
  })()
`;

async function viewportZoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
}

/** Drags blocks by their title with 60 mouse moves each, timing every animation frame meanwhile. */
async function measureDrags(page: Page, pick: (index: number) => Locator) {
  const frames: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < DRAGS; i++) {
    const box = (await pick(i).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + Math.min(12, box.height / 3);
    await page.evaluate(FRAME_LOOP);
    const started = Date.now();
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let step = 1; step <= 60; step++) {
      await page.mouse.move(x + step * 4, y + Math.sin(step / 6) * 40);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    totals.push(Date.now() - started);
    const recorded = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __frameLoop: boolean };
      w.__frameLoop = false;
      return w.__frames;
    });
    frames.push(...recorded.slice(1));
  }
  return { frames, totals };
}

function line(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
  return `${label.padEnd(44)} n=${String(samples.length).padStart(4)}  p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  max ${f(sorted.at(-1) ?? NaN)}`;
}

/** The production build, rebuilt first when sources changed (scripts/build-if-stale.mjs, untyped JavaScript). */
async function buildIfStale() {
  const modulePath = '../scripts/build-if-stale.mjs';
  const { buildIfStale: build } = (await import(modulePath)) as { buildIfStale: () => void };
  build();
}

async function main() {
  await buildIfStale();
  const server = await startServer(PORT, tempDataDir());
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await signUp(page, newPerson('Bench'));

    // The new person's own workspace (the bootstrap key belongs to another), through tRPC with the session cookie.
    const workflow = await trpc<{ id: string }>(page, server.url, 'workflows.create', { name: `${BLOCKS} blocks` });
    const graph = bigGraph();
    const saved = await trpc<{ problems: unknown[]; version: number }>(page, server.url, 'workflows.saveGraph', { id: workflow.id, graph });
    console.log(`workflow of ${graph.blocks.length} blocks and ${graph.edges.length} edges saved (${saved.problems.length} problems)`);

    await page.addInitScript(FIRST_NODE_PROBE);
    const url = `/workflows/${workflow.id}`;
    await page.goto(url); // warm-up: server caches, compiled chunks
    await page.waitForFunction(() => (window as unknown as { __weftFirstNode: number | null }).__weftFirstNode !== null, null, { timeout: 60_000 });

    const firstNode: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __weftFirstNode: number | null }).__weftFirstNode !== null, null, { timeout: 60_000 });
      firstNode.push(await page.evaluate(() => (window as unknown as { __weftFirstNode: number }).__weftFirstNode));
      // Every node React Flow rendered is measured (visible), and the save state is idle: the editor is usable.
      await page.waitForFunction(() => {
        const nodes = [...document.querySelectorAll('.react-flow__node')];
        return nodes.length > 0 && nodes.every((node) => getComputedStyle(node).visibility !== 'hidden');
      });
      ready.push(await page.evaluate(() => performance.now()));
    }
    const rendered = await page.locator('.react-flow__node').count();
    const zoom = await viewportZoom(page);

    const atFit = await measureDrags(page, (i) => page.locator(`.react-flow__node[data-id="b_${i % LANES}_${20 + i}"]`));

    // The same at 100 % zoom (what a person usually works at): zoom in on the middle of the canvas.
    for (let i = 0; i < 40; i++) {
      const now = await viewportZoom(page);
      if (now >= 0.95) break;
      await page.getByRole('button', { name: 'Zoom In' }).click();
    }
    await page.waitForTimeout(300);
    const zoomed = await viewportZoom(page);
    const renderedZoomed = await page.locator('.react-flow__node').count();
    const atFull = await measureDrags(page, (i) => page.locator('.react-flow__node').nth(Math.min(i, renderedZoomed - 1)));

    console.log(`editor with ${BLOCKS} blocks (${rendered} rendered in view at zoom ${zoom.toFixed(2)}), chromium headless, production build`);
    console.log(line('navigation start → first block painted', firstNode));
    console.log(line('navigation start → every rendered block shown', ready));
    for (const [label, result] of [
      [`zoom ${zoom.toFixed(2)}, ${rendered} blocks drawn`, atFit],
      [`zoom ${zoomed.toFixed(2)}, ${renderedZoomed} blocks drawn`, atFull],
    ] as const) {
      console.log(line(`drag frame time (${label})`, result.frames));
      const slow = result.frames.filter((frame) => frame > 20).length;
      console.log(`${'  frames over 20 ms'.padEnd(44)} ${slow} of ${result.frames.length} (${((slow / Math.max(1, result.frames.length)) * 100).toFixed(1)}%)`);
      console.log(line('  one drag gesture (60 moves), wall time', result.totals));
    }
    await context.close();
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
