import fs from 'node:fs';
import path from 'node:path';

// Reads the `.cpuprofile` files `node --cpu-prof` writes and prints where the time went: self time by area (a
// package, Node's internals, the app's own bundle, garbage collection) and the functions that used the most.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which part of the server a script belongs to, from its URL. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = url.slice(nodeModules + 'node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (name === 'next') return url.includes('/compiled/') ? `next (compiled ${parts[3] ?? ''})` : 'next';
    return name;
  }
  if (url.includes('/.next/server/')) return 'app bundle (.next/server)';
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ''));
}

function selfTimes(profile: Profile): Map<number, number> {
  const times = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    times.set(id, (times.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return times;
}

/** Time spent in each function or anything it called (each sample counts once per function on its stack). */
function totalTimes(profile: Profile, keyOf: (node: ProfileNode) => string | null): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  for (const [id, us] of selfTimes(profile)) {
    if (nodes.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf(nodes.get(at)!);
      if (key && !seen.has(key)) {
        seen.add(key);
        totals.set(key, (totals.get(key) ?? 0) + us);
      }
    }
  }
  return totals;
}

function table(title: string, entries: Map<string, number>, totalUs: number, rows: number): string {
  const sorted = [...entries].sort((a, b) => b[1] - a[1]).slice(0, rows);
  const lines = sorted.map(([name, us]) => `    ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  return [`  ${title}`, ...lines].join('\n');
}

/** A summary of every profile in `dir` (one per process that exited with `--cpu-prof`). */
export function summarizeCpuProfiles(dir: string, rows = 30): string {
  const out: string[] = [];
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const byArea = new Map<string, number>();
    const byFunction = new Map<string, number>();
    const keyOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) =>
      `${functionName || '(anonymous)'}  ${areaOf(url, functionName)}${url ? `:${lineNumber + 1}` : ''}`;
    let busy = 0;
    for (const [id, us] of selfTimes(profile)) {
      const node = nodes.get(id)!;
      const { functionName, url } = node.callFrame;
      if (functionName === '(idle)') continue;
      busy += us;
      const area = areaOf(url, functionName);
      byArea.set(area, (byArea.get(area) ?? 0) + us);
      const key = keyOf(node);
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    out.push(`${path.join(dir, file)}: ${(busy / 1000).toFixed(0)} ms on the CPU (idle excluded)`);
    out.push(table('self time by area', byArea, busy, 15));
    out.push(table('self time by function', byFunction, busy, rows));
    const appCode = (node: ProfileNode) => (node.callFrame.url.includes('/.next/server/') ? keyOf(node) : null);
    out.push(table('total time (with callees) of the app bundle\'s functions', totalTimes(profile, appCode), busy, rows));
  }
  return out.join('\n');
}
