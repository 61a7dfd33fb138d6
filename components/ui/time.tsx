'use client';

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const ABSOLUTE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago" / "in 6 days", for a timestamp in the near past or future. */
export function relativeTime(iso: string, now = Date.now()): string {
  let amount = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return unit === 'second' && Math.abs(amount) < 30 ? 'just now' : RELATIVE.format(Math.round(amount), unit);
    amount /= size;
  }
  return ABSOLUTE.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return ABSOLUTE.format(new Date(iso));
}

/** A timestamp shown relative to now, with the exact date and time on hover and for assistive technology. */
export function Time({ value, fallback = '—' }: { value: string | null | undefined; fallback?: string }) {
  if (!value) return <span className="text-zinc-500 dark:text-zinc-400">{fallback}</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)} suppressHydrationWarning>
      {relativeTime(value)}
    </time>
  );
}
