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

/** Resident memory of the process and its descendants, in MB. */
export function treeRssMb(rootPid: number): number {
  const kb = treeOf(rootPid).reduce((sum, pid) => sum + readOr(`/proc/${pid}/status`, (text) => Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0), 0), 0);
  return kb / 1024;
}

/** CPU time (user + system) used so far by the process and its living descendants, and by their reaped children, in ms. */
export function treeCpuMs(rootPid: number): number {
  const ticks = treeOf(rootPid).reduce(
    (sum, pid) =>
      sum +
      readOr(
        `/proc/${pid}/stat`,
        (text) => {
          const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
          // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after the command name.
          return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
        },
        0,
      ),
    0,
  );
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
