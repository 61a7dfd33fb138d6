'use client';

import dynamic from 'next/dynamic';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CodeEditorProps } from './code-editor';
import { SelectOptions } from '@/components/ui/field';
import { Icon } from '@/components/ui/icons';
import { MissingKeyNote } from './missing-key-note';
import { listedModelOption, providerOfModel } from './model-providers';
import type { Suggestion } from './suggestions';
import { TemplateInput } from './template-input';
import type { FieldHint } from './types';
import { useModelProviders } from './use-model-providers';

// The inspector's form controls, one per widget kind of the catalog's field hints.

/** CodeMirror loads with the inspector's first code or JSON field, not with the page. */
const CodeEditor = dynamic<CodeEditorProps>(() => import('./code-editor').then((module) => module.CodeEditor), {
  ssr: false,
  loading: () => <div className="h-[72px] animate-pulse rounded-md border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900" />,
});

const CONTROL =
  'block w-full rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800/60';

export function controlClass(invalid: boolean, extra = '') {
  return `${CONTROL} ${invalid ? 'border-red-400 dark:border-red-500' : 'border-zinc-300 dark:border-zinc-700'} ${extra}`;
}


export interface FieldProps {
  path: string;
  hint: FieldHint;
  value: unknown;
  onChange(value: unknown): void;
  /** The schema's default, shown as placeholder or preselected option. */
  defaultValue: unknown;
  error: string | null;
  readOnly: boolean;
  isTemplate: boolean;
  suggestions: () => Suggestion[];
  theme: 'light' | 'dark';
  blockType: string;
}

/** Label, control, then the error (or the help text). */
function FieldFrame({ id, hint, error, children, labelFor = true }: { id: string; hint: FieldHint; error: string | null; children: ReactNode; labelFor?: boolean }) {
  const Label = labelFor ? 'label' : 'span';
  return (
    <div data-field={id}>
      <Label {...(labelFor ? { htmlFor: id } : { id: `${id}-label` })} className="mb-1.5 flex items-center gap-1 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">
        {hint.label}
        {hint.required && (
          <span className="text-red-600 dark:text-red-400" aria-hidden>
            *
          </span>
        )}
        {hint.required && <span className="sr-only">(required)</span>}
      </Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 flex items-start gap-1 text-xs text-red-600 dark:text-red-400" data-testid="field-error">
          <Icon name="alert" className="mt-px h-3.5 w-3.5 shrink-0" />
          {error}
        </p>
      ) : hint.help ? (
        <p id={`${id}-help`} className="mt-1.5 text-xs leading-4 text-zinc-500 dark:text-zinc-400">
          {hint.help}
        </p>
      ) : null}
    </div>
  );
}

export function ConfigField(props: FieldProps) {
  const id = useId();
  const { hint, error } = props;
  const describedBy = error ? `${id}-error` : hint.help ? `${id}-help` : undefined;
  // Code and JSON editors name themselves (CodeMirror is not a labelable element); template text is an input.
  const codeLike = hint.widget === 'code' || (hint.widget === 'json' && !props.isTemplate);
  return (
    <FieldFrame id={id} hint={hint} error={error} labelFor={!codeLike}>
      <FieldControl {...props} id={id} describedBy={describedBy} />
    </FieldFrame>
  );
}

type ControlProps = FieldProps & { id: string; describedBy?: string };

/** What every native control of the inspector carries: its id, read-only state, validity and description. */
function nativeControlAttributes({ id, readOnly, error, describedBy }: ControlProps, extraClasses: string) {
  const invalid = Boolean(error);
  return {
    id,
    disabled: readOnly,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: controlClass(invalid, extraClasses),
  };
}

/** What a code or JSON editor of the inspector is told about its field. */
function codeEditorAttributes({ suggestions, theme, readOnly, hint, describedBy, error }: ControlProps) {
  return { suggestions, theme, readOnly, label: hint.label, describedBy, invalid: Boolean(error) };
}

/** What a template input of the inspector is told about its field. */
function templateInputAttributes({ id, suggestions, readOnly, error, describedBy }: ControlProps) {
  return { id, suggestions, disabled: readOnly, invalid: Boolean(error), describedBy };
}

function FieldControl(props: ControlProps) {
  const { hint, value, onChange, isTemplate, path } = props;
  switch (hint.widget) {
    case 'text':
    case 'textarea':
      return <TextControl {...props} />;
    case 'number':
      return <NumberControl {...props} />;
    case 'select':
      return <SelectControl {...props} />;
    case 'toggle':
      return <ToggleControl {...props} />;
    case 'model':
      return <ModelControl {...props} />;
    case 'code':
      return (
        <CodeEditor
          value={typeof value === 'string' ? value : ''}
          onChange={(next) => onChange(next)}
          {...codeEditorAttributes(props)}
          language="javascript"
          placeholder={hint.placeholder}
          minHeight={path === 'expression' ? '40px' : '120px'}
          testId={`code-${path}`}
        />
      );
    case 'json':
      return isTemplate ? <TemplateValueField {...props} /> : <JsonField {...codeEditorAttributes(props)} value={value} onChange={onChange} path={path} />;
    default:
      return <p className="text-xs text-zinc-500">This field cannot be edited here.</p>;
  }
}

function TextControl(props: ControlProps) {
  const { hint, value, onChange, isTemplate, path } = props;
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const set = (next: string) => onChange(next === '' && !hint.required ? undefined : next);
  if (isTemplate) {
    return (
      <TemplateInput
        {...templateInputAttributes(props)}
        value={text}
        onChange={set}
        multiline={hint.widget === 'textarea'}
        rows={path === 'prompt' ? 6 : 3}
        placeholder={hint.placeholder}
      />
    );
  }
  return hint.widget === 'textarea' ? (
    <textarea
      {...nativeControlAttributes(props, 'resize-y py-2')}
      value={text}
      rows={4}
      onChange={(event) => set(event.target.value)}
      placeholder={hint.placeholder}
    />
  ) : (
    <input {...nativeControlAttributes(props, 'h-9')} type="text" value={text} onChange={(event) => set(event.target.value)} placeholder={hint.placeholder} />
  );
}

function NumberControl(props: ControlProps) {
  const { hint, value, onChange, defaultValue } = props;
  return (
    <input
      {...nativeControlAttributes(props, 'h-9')}
      type="number"
      inputMode="decimal"
      value={typeof value === 'number' ? value : ''}
      onChange={(event) => {
        const raw = event.target.value;
        if (raw === '') onChange(undefined);
        else if (Number.isFinite(Number(raw))) onChange(Number(raw));
      }}
      placeholder={hint.placeholder ?? (defaultValue !== undefined ? String(defaultValue) : 'Default')}
    />
  );
}

function SelectControl(props: ControlProps) {
  const { hint, value, onChange, defaultValue } = props;
  const options = hint.options ?? [];
  const current = typeof value === 'string' ? value : typeof defaultValue === 'string' ? defaultValue : '';
  const hasCurrent = options.some((option) => option.value === current);
  return (
    <select
      {...nativeControlAttributes(props, 'h-9 pr-8')}
      value={current}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
    >
      {!hasCurrent && <option value={current}>{current === '' ? 'Choose…' : `${current} (not supported)`}</option>}
      <SelectOptions options={options} />
    </select>
  );
}

function ToggleControl({ id, describedBy, value, onChange, defaultValue, readOnly }: ControlProps) {
  const checked = typeof value === 'boolean' ? value : Boolean(defaultValue);
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      aria-describedby={describedBy}
      disabled={readOnly}
      onClick={() => onChange(!checked)}
      className={`relative inline-flex h-5 w-9 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-50 ${
        checked ? 'bg-indigo-600' : 'bg-zinc-300 dark:bg-zinc-700'
      }`}
    >
      <span className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${checked ? 'translate-x-4.5' : 'translate-x-0.5'}`} />
    </button>
  );
}

const CUSTOM_MODEL = '__custom__';

/**
 * The known models of each provider, those this workspace can call first, then "Custom…" for any other name the
 * provider serves (typed as `provider/model`). A provider lacking its key says so under the picker.
 */
function ModelControl(props: ControlProps) {
  const { hint, value, onChange, defaultValue, readOnly } = props;
  const status = useModelProviders();
  const text = typeof value === 'string' ? value : '';
  const effective = text || (typeof defaultValue === 'string' ? defaultValue : '');
  const listed = status ? listedModelOption(effective, status) : null;
  const [customChosen, setCustomChosen] = useState(false);
  const customRef = useRef<HTMLInputElement>(null);
  const custom = !status || customChosen || (effective !== '' && listed === null);
  const provider = status && effective.trim() !== '' ? providerOfModel(effective, status).provider : undefined;
  const setText = (next: string) => onChange(next === '' && !hint.required ? undefined : next);

  useEffect(() => {
    if (customChosen) customRef.current?.focus();
  }, [customChosen]);

  const ordered = status ? [...status.providers.filter((entry) => entry.missing.length === 0), ...status.providers.filter((entry) => entry.missing.length > 0)] : [];
  return (
    <>
      {status && (
        <select
          {...nativeControlAttributes(props, 'h-9 pr-8')}
          value={custom ? CUSTOM_MODEL : (listed ?? '')}
          onChange={(event) => {
            const chosen = event.target.value;
            setCustomChosen(chosen === CUSTOM_MODEL);
            if (chosen !== CUSTOM_MODEL) onChange(chosen);
          }}
        >
          {!custom && listed === null && <option value="">Choose a model…</option>}
          {ordered
            .filter((entry) => entry.models.length > 0)
            .map((entry) => (
              <optgroup key={entry.id} label={entry.missing.length > 0 ? `${entry.label} (no key yet)` : entry.label}>
                {entry.models.map((model) => (
                  <option key={model} value={`${entry.id}/${model}`}>
                    {model}
                  </option>
                ))}
              </optgroup>
            ))}
          <option value={CUSTOM_MODEL}>Custom…</option>
        </select>
      )}
      {custom && (
        <input
          ref={customRef}
          {...(status ? { 'aria-label': `${hint.label}: custom name`, disabled: readOnly, className: controlClass(Boolean(props.error), 'mt-2 h-9 font-mono text-[12.5px]') } : nativeControlAttributes(props, 'h-9 font-mono text-[12.5px]'))}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="provider/model, e.g. openai-compatible/llama3"
          data-testid="custom-model"
        />
      )}
      {provider && provider.missing.length > 0 && <MissingKeyNote provider={provider.label} missing={provider.missing} />}
    </>
  );
}

function sameJson(text: string, value: unknown): boolean {
  if (text.trim() === '') return value === undefined;
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

function parseProblem(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^JSON\.parse: /, '');
  }
}

function pretty(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/**
 * A JSON value edited as text: every edit that parses is applied at once; one that does not stays on screen with
 * the parse error below it (nothing typed is thrown away). Undo and other outside changes replace the text.
 */
/** JSON edited as text; `editorProps` (label, theme, read-only state…) go to the code editor as they are. */
function JsonField({
  value,
  onChange,
  invalid,
  path,
  ...editorProps
}: Pick<CodeEditorProps, 'readOnly' | 'describedBy' | 'label' | 'theme' | 'suggestions'> & {
  value: unknown;
  onChange(value: unknown): void;
  invalid: boolean;
  path: string;
}) {
  const [draft, setDraft] = useState(() => pretty(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!sameJson(draft, value)) setDraft(pretty(value));
  }
  const problem = parseProblem(draft);
  return (
    <div>
      <CodeEditor
        value={draft}
        onChange={(text) => {
          setDraft(text);
          if (text.trim() === '') onChange(undefined);
          else if (parseProblem(text) === null) onChange(JSON.parse(text));
        }}
        {...editorProps}
        language="json"
        invalid={invalid || problem !== null}
        minHeight="56px"
        testId={`json-${path}`}
      />
      {problem && (
        <p role="alert" className="mt-1.5 text-xs text-red-600 dark:text-red-400" data-testid="json-parse-error">
          Not valid JSON yet: {problem}. The last valid value is kept.
        </p>
      )}
    </div>
  );
}

/**
 * A config value that is either a template text or JSON containing templates (the output block's value, an HTTP
 * body). Text is what most people want, so it is the default; JSON is one click away.
 */
/** A value that is either template text or JSON (containing templates), with a switch between the two. */
function TemplateValueField(props: ControlProps) {
  const { value, onChange, hint, readOnly, path } = props;
  const inferred = value !== undefined && typeof value !== 'string' ? 'json' : 'text';
  const [mode, setMode] = useState<'text' | 'json'>(inferred);
  const [seenKind, setSeenKind] = useState(inferred);
  if (seenKind !== inferred) {
    setSeenKind(inferred);
    if (value !== undefined) setMode(inferred);
  }

  function switchTo(next: 'text' | 'json') {
    if (next === mode) return;
    setMode(next);
    if (value === undefined) return;
    if (next === 'json' && typeof value === 'string') {
      try {
        onChange(JSON.parse(value));
      } catch {
        onChange(value);
      }
    } else if (next === 'text' && typeof value !== 'string') {
      onChange(JSON.stringify(value, null, 2));
    }
  }

  return (
    <div>
      <div role="radiogroup" aria-label={`${hint.label} format`} className="mb-1.5 inline-flex rounded-md border border-zinc-200 p-0.5 text-xs dark:border-zinc-700">
        {(['text', 'json'] as const).map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={mode === option}
            disabled={readOnly}
            onClick={() => switchTo(option)}
            className={`rounded px-2 py-0.5 font-medium ${mode === option ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'}`}
          >
            {option === 'text' ? 'Text' : 'JSON'}
          </button>
        ))}
      </div>
      {mode === 'text' ? (
        <TemplateInput
          {...templateInputAttributes(props)}
          value={typeof value === 'string' ? value : ''}
          onChange={(text) => onChange(text === '' ? undefined : text)}
          multiline
          rows={3}
          mono
          placeholder={path === 'value' ? 'Empty: the outputs of the connected blocks. Type {{ to insert a value.' : 'Type {{ to insert a value from an earlier block'}
        />
      ) : (
        <JsonField {...codeEditorAttributes(props)} value={value} onChange={onChange} path={path} />
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The input block's fields: a small table instead of raw JSON.

interface InputFieldSpec {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'object';
  required?: boolean;
  description?: string;
}

const INPUT_TYPES = [
  { value: 'string', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'object', label: 'JSON object' },
] as const;

export function InputFieldsEditor({
  value,
  onChange,
  readOnly,
  error,
  hint,
  theme,
}: {
  value: unknown;
  onChange(value: unknown): void;
  readOnly: boolean;
  error: string | null;
  hint: FieldHint;
  theme: 'light' | 'dark';
}) {
  const id = useId();
  // "+ Add field" moves the focus into the new field's name, selected, so typing names it.
  const focusName = useRef<number | null>(null);
  useEffect(() => {
    if (focusName.current === null) return;
    const input = document.getElementById(`${id}-name-${focusName.current}`);
    if (input instanceof HTMLInputElement) {
      focusName.current = null;
      input.focus();
      input.select();
    }
  }, [id, value]);
  if (value !== undefined && !Array.isArray(value)) {
    return (
      <FieldFrame id={id} hint={hint} error={error} labelFor={false}>
        <JsonField value={value} onChange={onChange} readOnly={readOnly} invalid={Boolean(error)} label={hint.label} theme={theme} path="fields" />
      </FieldFrame>
    );
  }
  const fields = (value ?? []) as InputFieldSpec[];
  const update = (index: number, patch: Partial<InputFieldSpec>) => onChange(fields.map((field, at) => (at === index ? { ...field, ...patch } : field)));
  const remove = (index: number) => {
    const next = fields.filter((_, at) => at !== index);
    onChange(next.length ? next : undefined);
  };
  const add = () => {
    const names = new Set(fields.map((field) => field.name));
    let n = fields.length + 1;
    while (names.has(`field_${n}`)) n++;
    onChange([...fields, { name: `field_${n}`, type: 'string', required: false }]);
    focusName.current = fields.length;
  };
  return (
    <fieldset data-field="fields">
      <legend className="mb-1.5 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{hint.label}</legend>
      {fields.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          No fields declared: any JSON object is accepted as input.
        </p>
      ) : (
        <ul className="space-y-2">
          {fields.map((field, index) => (
            <li key={index} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
              {/* The name gets the whole row: a name squeezed beside the type could not be read. */}
              <input
                id={`${id}-name-${index}`}
                aria-label={`Name of input field ${index + 1}`}
                value={field.name ?? ''}
                onChange={(event) => update(index, { name: event.target.value })}
                disabled={readOnly}
                spellCheck={false}
                className={controlClass(false, 'h-8 font-mono text-xs')}
              />
              <div className="mt-1.5 flex items-center gap-3">
                <div className="w-32 shrink-0">
                  <select
                    aria-label={`Type of input field ${index + 1}`}
                    value={field.type ?? 'string'}
                    onChange={(event) => update(index, { type: event.target.value as InputFieldSpec['type'] })}
                    disabled={readOnly}
                    className={controlClass(false, 'h-8 pr-7 text-xs')}
                  >
                    <SelectOptions options={INPUT_TYPES} />
                  </select>
                </div>
                <label className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-300">
                  <input
                    type="checkbox"
                    checked={Boolean(field.required)}
                    onChange={(event) => update(index, { required: event.target.checked })}
                    disabled={readOnly}
                    className="h-3.5 w-3.5 accent-indigo-600"
                  />
                  Required
                </label>
                {!readOnly && (
                  <button
                    type="button"
                    onClick={() => remove(index)}
                    aria-label={`Remove input field ${field.name || index + 1}`}
                    className="ml-auto rounded px-1.5 py-0.5 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-red-600 dark:hover:bg-zinc-800"
                  >
                    Remove
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <button type="button" onClick={add} className="mt-2 text-xs font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
          + Add field
        </button>
      )}
      {error ? (
        <p className="mt-1.5 text-xs text-red-600 dark:text-red-400" data-testid="field-error">
          {error}
        </p>
      ) : (
        hint.help && <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">Each run’s input is checked against these fields; the Run dialog asks for them.</p>
      )}
    </fieldset>
  );
}
