// Small inline icons (20×20, currentColor), decorative: the text beside them says what they mean.

const BASE = 'h-4 w-4 shrink-0';

export function PlusIcon({ className = BASE }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
      <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
    </svg>
  );
}

export function UploadIcon({ className = BASE }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
      <path d="M9.25 13.25a.75.75 0 0 0 1.5 0V4.636l2.955 3.129a.75.75 0 0 0 1.09-1.03l-4.25-4.5a.75.75 0 0 0-1.09 0l-4.25 4.5a.75.75 0 1 0 1.09 1.03L9.25 4.636v8.614Z" />
      <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
    </svg>
  );
}

export function SearchIcon({ className = BASE }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
      <path
        fillRule="evenodd"
        d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.452 4.391l3.328 3.329a.75.75 0 1 1-1.06 1.06l-3.329-3.328A7 7 0 0 1 2 9Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export function DotsIcon({ className = BASE }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
      <path d="M3 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0ZM8.5 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0ZM15.5 8.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z" />
    </svg>
  );
}

export function ChevronDownIcon({ className = BASE }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
      <path fillRule="evenodd" d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
    </svg>
  );
}

export function TemplateIcon({ className = BASE }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
      <path d="M2 4.75A2.75 2.75 0 0 1 4.75 2h10.5A2.75 2.75 0 0 1 18 4.75v1.5a.75.75 0 0 1-.75.75H2.75A.75.75 0 0 1 2 6.25v-1.5ZM2.75 8.5a.75.75 0 0 0-.75.75v6A2.75 2.75 0 0 0 4.75 18h2.5a.75.75 0 0 0 .75-.75v-8a.75.75 0 0 0-.75-.75h-4.5ZM10.25 8.5a.75.75 0 0 0-.75.75v8c0 .414.336.75.75.75h5A2.75 2.75 0 0 0 18 15.25v-6a.75.75 0 0 0-.75-.75h-7Z" />
    </svg>
  );
}

export function CloseIcon({ className = BASE }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={className}>
      <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
    </svg>
  );
}

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
