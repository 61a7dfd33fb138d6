import fs from 'node:fs';

// A server's process tree as /proc shows it: the server and every descendant (the sandbox children), for the
// benchmarks' CPU and memory figures.

const CLOCK_TICKS_PER_SECOND = 100;

function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return parents;
}

function treeOf(rootPid: number): number[] {
  const parents = parentsByPid();
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

function readOr<T>(file: string, parse: (text: string) => T, fallback: T): T {
  try {
    return parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

function rssKb(pid: number): number {
  return readOr(`/proc/${pid}/status`, (text) => Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0), 0);
}

/** Resident memory of the process and its descendants, in MB. */
export function treeRssMb(rootPid: number): number {
  return treeOf(rootPid).reduce((sum, pid) => sum + rssKb(pid), 0) / 1024;
}

/** Resident memory of the process alone, in MB. */
export function ownRssMb(pid: number): number {
  return rssKb(pid) / 1024;
}

/** utime, stime, cutime, cstime in clock ticks: fields 14–17 of stat, 12–15 after the command name. */
function cpuTicks(pid: number): [number, number, number, number] {
  return readOr(
    `/proc/${pid}/stat`,
    (text) => {
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return [Number(fields[11]), Number(fields[12]), Number(fields[13]), Number(fields[14])];
    },
    [0, 0, 0, 0],
  );
}

const ticksToMs = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;

/** CPU time (user + system) used so far by the process and its living descendants, and by their reaped children, in ms. */
export function treeCpuMs(rootPid: number): number {
  return ticksToMs(treeOf(rootPid).reduce((sum, pid) => sum + cpuTicks(pid).reduce((a, b) => a + b, 0), 0));
}

/** CPU time (user + system) of the process alone, its children not counted, in ms. */
export function ownCpuMs(pid: number): number {
  const [utime, stime] = cpuTicks(pid);
  return ticksToMs(utime + stime);
}
