import type { SVGProps } from 'react';

// The app's local icons. Inline SVG: nothing is fetched from anywhere; decorative (aria-hidden), the text beside an
// icon says what it means.
//
// `Icon`: a named set (24×24, stroked, in the spirit of lucide) for the block icons the catalog names (a block type
// picks one of these names; a new picture is one entry here), the editor's toolbar and the executions pages.

/** One stroked element of an icon: a path's `d`, a circle (cx, cy, r) or a rounded rect (x, y, width, height, rx). */
type Shape = string | { circle: readonly [number, number, number] } | { rect: readonly [number, number, number, number, number] };

function ShapeElement({ shape }: { shape: Shape }) {
  if (typeof shape === 'string') return <path d={shape} />;
  if ('circle' in shape) {
    const [cx, cy, r] = shape.circle;
    return <circle cx={cx} cy={cy} r={r} />;
  }
  const [x, y, width, height, rx] = shape.rect;
  return <rect x={x} y={y} width={width} height={height} rx={rx} />;
}

const PATHS: Record<string, readonly Shape[]> = {
  'log-in': ['M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4', 'm10 17 5-5-5-5', 'M15 12H3'],
  flag: ['M4 22V4', 'M4 15s1-1 4-1 5 2 8 2 4-1 4-1V3s-1 1-4 1-5-2-8-2-4 1-4 1'],
  sparkles: ['M9.9 15.5 8 21l-1.9-5.5L1 13.6l5.1-1.9L8 6l1.9 5.7 5.1 1.9z', 'M18 2v4M16 4h4M19 15v4M17 17h4'],
  bot: [{ rect: [4, 8, 16, 12, 2] }, 'M12 8V4M8 4h8', 'M2 14h2M20 14h2M9 13v2M15 13v2'],
  code: ['m16 18 6-6-6-6', 'm8 6-6 6 6 6'],
  repeat: ['m17 2 4 4-4 4', 'M3 11v-1a4 4 0 0 1 4-4h14', 'm7 22-4-4 4-4', 'M21 13v1a4 4 0 0 1-4 4H3'],
  split: ['M16 3h5v5', 'M8 3H3v5', 'M12 22v-8.3a4 4 0 0 0-1.2-2.9L3 3', 'm15 9 6-6'],
  workflow: [{ rect: [3, 3, 8, 8, 2] }, 'M7 11v4a2 2 0 0 0 2 2h4', { rect: [13, 13, 8, 8, 2] }],
  hourglass: ['M5 22h14M5 2h14', 'M17 22v-4.2a2 2 0 0 0-.6-1.4L12 12l-4.4 4.4a2 2 0 0 0-.6 1.4V22', 'M7 2v4.2a2 2 0 0 0 .6 1.4L12 12l4.4-4.4a2 2 0 0 0 .6-1.4V2'],
  'user-check': ['M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2', { circle: [9, 7, 4] }, 'm16 11 2 2 4-4'],
  'git-branch': [{ circle: [6, 6, 2.5] }, { circle: [18, 6, 2.5] }, { circle: [6, 18, 2.5] }, 'M6 8.5v7', 'M18 8.5a9 9 0 0 1-9 9'],
  globe: [{ circle: [12, 12, 9] }, 'M3 12h18', 'M12 3a14 14 0 0 1 0 18a14 14 0 0 1 0-18'],
  box: ['M21 8 12 3 3 8v8l9 5 9-5z', 'm3 8 9 5 9-5M12 13v8'],
  undo: ['M9 14 4 9l5-5', 'M4 9h10.5a5.5 5.5 0 0 1 0 11H11'],
  redo: ['m15 14 5-5-5-5', 'M20 9H9.5a5.5 5.5 0 0 0 0 11H13'],
  layout: [{ rect: [2, 4, 6, 5, 1] }, { rect: [16, 2, 6, 5, 1] }, { rect: [16, 15, 6, 5, 1] }, 'M8 6.5h4v11h4M12 4.5h4'],
  help: [{ circle: [12, 12, 9] }, 'M9.1 9a3 3 0 0 1 5.8 1c0 2-3 2.5-3 4.5', 'M12 17.5h.01'],
  play: ['M7 4v16l13-8z'],
  stop: [{ rect: [6, 6, 12, 12, 1.5] }],
  rocket: ['M4.5 16.5c-1.5 1.3-2 5-2 5s3.7-.5 5-2c.7-.8.7-2.1-.1-2.9a2.2 2.2 0 0 0-2.9-.1z', 'm12 15-3-3a22 22 0 0 1 2-4A12.9 12.9 0 0 1 22 2c0 2.7-.8 7.5-6 11a22.4 22.4 0 0 1-4 2z', 'M9 12H4s.6-3 2-4c1.6-1.1 5 0 5 0M12 15v5s3-.6 4-2c1.1-1.6 0-5 0-5'],
  sun: [{ circle: [12, 12, 4] }, 'M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4'],
  moon: ['M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9z'],
  x: ['M18 6 6 18M6 6l12 12'],
  search: [{ circle: [11, 11, 7] }, 'm21 21-4.3-4.3'],
  alert: ['m21.7 18-8-14a2 2 0 0 0-3.4 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.7-3z', 'M12 9v4M12 17h.01'],
  check: ['M20 6 9 17l-5-5'],
  'chevron-down': ['m6 9 6 6 6-6'],
  'chevron-right': ['m9 18 6-6-6-6'],
  trash: ['M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6', 'M10 11v6M14 11v6'],
  copy: [{ rect: [8, 8, 13, 13, 2] }, 'M4 16a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2'],
  terminal: ['m4 17 6-6-6-6M12 19h8'],
  'external-link': ['M15 3h6v6M10 14 21 3', 'M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6'],
  lock: [{ rect: [4, 11, 16, 10, 2] }, 'M8 11V7a4 4 0 0 1 8 0v4'],
  cloud: ['M17.5 19a4.5 4.5 0 1 0-1.4-8.8A7 7 0 1 0 4 16.3 4 4 0 0 0 7 19z'],
  history: ['M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8', 'M3 3v5h5M12 7v5l4 2'],
  keyboard: [{ rect: [2, 5, 20, 14, 2] }, 'M6 9h.01M10 9h.01M14 9h.01M18 9h.01M6 13h.01M18 13h.01M9 13h6M7 16h10'],
  'skip-forward': ['m5 4 10 8-10 8z', 'M19 5v14'],
  minus: ['M5 12h14'],
  plus: ['M12 5v14M5 12h14'],
  clock: [{ circle: [12, 12, 9] }, 'M12 7v5l3 2'],
  rerun: ['M3 12a9 9 0 0 1 15.5-6.2L21 8', 'M21 3v5h-5', 'M21 12a9 9 0 0 1-15.5 6.2L3 16', 'M3 21v-5h5'],
  'arrow-left': ['M19 12H5M12 19l-7-7 7-7'],
  pencil: ['M17 3a2.8 2.8 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5z', 'm15 5 4 4'],
  activity: ['M22 12h-4l-3 9L9 3l-3 9H2'],
  coins: [{ circle: [8, 8, 6] }, 'M18.1 10.4A6 6 0 1 1 10.3 18', 'M7 6h1v4'],
  wrench: ['M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.8-3.8a6 6 0 0 1-7.9 7.9l-6.9 6.9a2.1 2.1 0 0 1-3-3l6.9-6.9a6 6 0 0 1 7.9-7.9z'],
};

export function Icon({ name, className = 'h-4 w-4', ...props }: { name: string; className?: string } & Omit<SVGProps<SVGSVGElement>, 'name'>) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      {...props}
    >
      {(PATHS[name] ?? PATHS.box).map((shape, index) => (
        <ShapeElement key={index} shape={shape} />
      ))}
    </svg>
  );
}

/** Colors per block category, shared by palette items and nodes. */
const CATEGORY_TONES: Record<string, { icon: string; accent: string }> = {
  io: { icon: 'bg-sky-100 text-sky-700 dark:bg-sky-500/15 dark:text-sky-300', accent: 'bg-sky-500' },
  ai: { icon: 'bg-violet-100 text-violet-700 dark:bg-violet-500/15 dark:text-violet-300', accent: 'bg-violet-500' },
  logic: { icon: 'bg-amber-100 text-amber-700 dark:bg-amber-500/15 dark:text-amber-300', accent: 'bg-amber-500' },
  integration: { icon: 'bg-emerald-100 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300', accent: 'bg-emerald-500' },
};

export function categoryTone(category: string | undefined) {
  return CATEGORY_TONES[category ?? ''] ?? { icon: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300', accent: 'bg-zinc-400' };
}

// Small solid icons (20×20, currentColor) used by the workflows pages and menus.

const BASE = 'h-4 w-4 shrink-0';

/** A solid path; `evenOdd` cuts holes where the outline crosses itself. */
type SolidPath = { d: string; evenOdd?: true };

/** One solid icon component per picture, all drawn by the same renderer. */
function solidIcon(paths: readonly SolidPath[]) {
  return function SolidIcon({ className = BASE }: { className?: string }) {
    return (
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
        {paths.map(({ d, evenOdd }) => (
          <path key={d} d={d} fillRule={evenOdd && 'evenodd'} clipRule={evenOdd && 'evenodd'} />
        ))}
      </svg>
    );
  };
}

export const PlusIcon = solidIcon([{ d: 'M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z' }]);

export const UploadIcon = solidIcon([{ d: 'M9.25 13.25a.75.75 0 0 0 1.5 0V4.636l2.955 3.129a.75.75 0 0 0 1.09-1.03l-4.25-4.5a.75.75 0 0 0-1.09 0l-4.25 4.5a.75.75 0 1 0 1.09 1.03L9.25 4.636v8.614Z' }, { d: 'M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z' }]);

export const DotsIcon = solidIcon([{ d: 'M3 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0ZM8.5 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0ZM15.5 8.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z' }]);

export const ChevronDownIcon = solidIcon([{ d: 'M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z', evenOdd: true }]);

export const TemplateIcon = solidIcon([{ d: 'M2 4.75A2.75 2.75 0 0 1 4.75 2h10.5A2.75 2.75 0 0 1 18 4.75v1.5a.75.75 0 0 1-.75.75H2.75A.75.75 0 0 1 2 6.25v-1.5ZM2.75 8.5a.75.75 0 0 0-.75.75v6A2.75 2.75 0 0 0 4.75 18h2.5a.75.75 0 0 0 .75-.75v-8a.75.75 0 0 0-.75-.75h-4.5ZM10.25 8.5a.75.75 0 0 0-.75.75v8c0 .414.336.75.75.75h5A2.75 2.75 0 0 0 18 15.25v-6a.75.75 0 0 0-.75-.75h-7Z' }]);

export const CloseIcon = solidIcon([{ d: 'M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z' }]);

/** Three connected nodes: the product's picture of a workflow, for the empty state. */
export function WorkflowIllustration({ className = 'h-12 w-12' }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 48 48" fill="none" className={className}>
      <rect x="3" y="18" width="12" height="12" rx="3" className="fill-indigo-100 stroke-indigo-500 dark:fill-indigo-950 dark:stroke-indigo-400" strokeWidth="2" />
      <rect x="33" y="6" width="12" height="12" rx="3" className="fill-emerald-100 stroke-emerald-500 dark:fill-emerald-950 dark:stroke-emerald-400" strokeWidth="2" />
      <rect x="33" y="30" width="12" height="12" rx="3" className="fill-amber-100 stroke-amber-500 dark:fill-amber-950 dark:stroke-amber-400" strokeWidth="2" />
      <path d="M15 24h6c3 0 3-12 6-12h6M21 24c3 0 3 12 6 12h6" className="stroke-zinc-400 dark:stroke-zinc-500" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
