/** Percentiles and a one-line summary of timings, for the benchmarks' printed figures. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(label: string, samples: number[], unit = 'ms'): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const f = (n: number) => n.toFixed(2);
  return `${label.padEnd(58)} n=${String(samples.length).padStart(4)}  mean ${f(mean)}${unit}  p50 ${f(percentile(sorted, 50))}${unit}  p95 ${f(percentile(sorted, 95))}${unit}  p99 ${f(percentile(sorted, 99))}${unit}`;
}
