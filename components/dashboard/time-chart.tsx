import { useId } from 'react';

// A small chart of one or two figures over time, drawn as plain SVG. The picture is for the eye; screen readers get
// its title and summary as the SVG's label and the figures themselves in a table that a disclosure reveals.

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** Tailwind stroke/fill classes for light and dark, e.g. `stroke-indigo-600 dark:stroke-indigo-400`. */
  tone: { line: string; dot: string; swatch: string };
}

export const TONES = {
  primary: { line: 'stroke-indigo-600 dark:stroke-indigo-400', dot: 'fill-indigo-600 dark:fill-indigo-400', swatch: 'bg-indigo-600 dark:bg-indigo-400' },
  secondary: { line: 'stroke-amber-600 dark:stroke-amber-400', dot: 'fill-amber-600 dark:fill-amber-400', swatch: 'bg-amber-600 dark:bg-amber-400' },
} as const;

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { top: 8, right: 8, bottom: 18, left: 8 };

export function TimeChart({
  title,
  summary,
  labels,
  series,
  format,
  testId,
}: {
  title: string;
  /** The chart in one sentence (totals, peaks): its text alternative. */
  summary: string;
  /** One per point, e.g. "14:00" or "Jun 15". */
  labels: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  testId?: string;
}) {
  const id = useId();
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(0, ...values);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length <= 1 ? plotWidth / 2 : (i / (labels.length - 1)) * plotWidth);
  const y = (v: number) => PAD.top + plotHeight - (max === 0 ? 0 : (v / max) * plotHeight);

  return (
    <figure data-testid={testId} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-title`} className="text-sm font-medium">
          {title}
        </h3>
        <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">max {format(max)}</span>
      </div>
      {series.length > 1 && (
        <ul className="mt-1 flex gap-3 text-xs text-zinc-600 dark:text-zinc-400">
          {series.map((s) => (
            <li key={s.name} className="flex items-center gap-1.5">
              <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${s.tone.swatch}`} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <svg role="img" aria-label={`${title}: ${summary}`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="mt-2 h-32 w-full" preserveAspectRatio="none">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotHeight} y2={PAD.top + plotHeight} className="stroke-zinc-300 dark:stroke-zinc-700" strokeWidth={1} />
        {series.map((s) => (
          <g key={s.name}>
            <polyline
              fill="none"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
              className={s.tone.line}
              points={s.values.map((v, i) => `${x(i)},${y(v ?? 0)}`).join(' ')}
            />
            {s.values.map((v, i) =>
              v !== null && v > 0 ? (
                <circle key={i} cx={x(i)} cy={y(v)} r={2} className={s.tone.dot}>
                  <title>{`${labels[i]}: ${s.name} ${format(v)}`}</title>
                </circle>
              ) : null,
            )}
          </g>
        ))}
      </svg>
      <div aria-hidden className="flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
        <span>{labels[0]}</span>
        <span>{labels.at(-1)}</span>
      </div>
      <figcaption className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">Show the figures</summary>
        <div className="mt-2 max-h-48 overflow-y-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Time (UTC)
                </th>
                {series.map((s) => (
                  <th key={s.name} scope="col" className="py-1 pr-2 font-medium">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={i} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1 pr-2">{label}</td>
                  {series.map((s) => (
                    <td key={s.name} className="py-1 pr-2">
                      {s.values[i] === null ? '—' : format(s.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
