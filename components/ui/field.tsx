'use client';

import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

const CONTROL =
  'block w-full rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 ' +
  'focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 ' +
  'dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800/60';

function controlClasses(invalid: boolean, extra = ''): string {
  return `${CONTROL} ${invalid ? 'border-red-400 dark:border-red-500' : 'border-zinc-300 dark:border-zinc-700'} ${extra}`;
}

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: ReactNode;
}

function FieldFrame({ id, label, hint, error, className = '', children }: FieldFrameProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint: ReactNode, error?: string | null): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

/** What every labelled control carries: its id, its invalid state and the message that describes it. */
function controlAttributes(id: string, hint: ReactNode, error: string | null | undefined, extraClasses: string) {
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
    className: controlClasses(Boolean(error), extraClasses),
  };
}

/** The `<option>`s of a select, one per value. */
export function SelectOptions({ options }: { options: ReadonlyArray<{ value: string; label: string }> }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Classes of the wrapper (label, control and message). */
  className?: string;
  /** Extra classes of the input itself (e.g. font-mono for identifiers). */
  inputClassName?: string;
}

/** A labelled text input with a hint below it, replaced by the error when there is one. */
export function TextField({ label, hint, error, className, inputClassName = '', type = 'text', ...props }: TextFieldProps) {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const isPassword = type === 'password';
  const input = (
    <input
      {...controlAttributes(id, hint, error, `h-9 ${isPassword ? 'pr-16' : ''} ${inputClassName}`)}
      type={isPassword && revealed ? 'text' : type}
      {...props}
    />
  );
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      {isPassword ? (
        <div className="relative">
          {input}
          <button
            type="button"
            onClick={() => setRevealed((shown) => !shown)}
            aria-controls={id}
            aria-label={revealed ? 'Hide password' : 'Show password'}
            className="absolute inset-y-0 right-0 my-1 mr-1 rounded px-2 text-xs font-medium text-zinc-500 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-100"
          >
            {revealed ? 'Hide' : 'Show'}
          </button>
        </div>
      ) : (
        input
      )}
    </FieldFrame>
  );
}

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Classes of the wrapper (label, control and message). */
  className?: string;
}

/** A labelled multi-line input, with a hint below it replaced by the error when there is one. */
export function TextAreaField({ label, hint, error, className, ...props }: TextAreaFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <textarea {...controlAttributes(id, hint, error, 'min-h-20 resize-y py-2')} {...props} />
    </FieldFrame>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  options: ReadonlyArray<{ value: string; label: string }>;
  className?: string;
}

/** A labelled native select: keyboard and screen-reader friendly without any extra work. */
export function SelectField({ label, hint, error, options, className, ...props }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <select {...controlAttributes(id, hint, error, 'h-9 pr-8')} {...props}>
        <SelectOptions options={options} />
      </select>
    </FieldFrame>
  );
}

/** A bare select for tight spots (a table cell); give it an aria-label. */
export function Select({ options, className = '', ...props }: SelectHTMLAttributes<HTMLSelectElement> & { options: ReadonlyArray<{ value: string; label: string }> }) {
  return (
    <select className={controlClasses(false, `h-8 w-auto pr-8 text-xs ${className}`)} {...props}>
      <SelectOptions options={options} />
    </select>
  );
}
