'use client';

import { useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/field';
import { useApiKey } from './api-key';
import type { DocParameter } from './types';

// Sends one request to this server from the page and shows the answer. Streams are shown as they arrive.

const MAX_SHOWN_CHARACTERS = 50_000;

interface TryItProps {
  method: string;
  path: string;
  parameters: DocParameter[];
  /** The example body as JSON text; absent when the operation takes no body. */
  initialBody?: string;
  /** False for routes that take no API key (health, webhooks: they have their own secret). */
  sendsApiKey: boolean;
}

interface Answer {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

function requestUrl(path: string, parameters: DocParameter[], values: Record<string, string>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[`path.${name}`] ?? ''));
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    const value = values[`query.${parameter.name}`];
    if (parameter.in === 'query' && value) query.set(parameter.name, value);
  }
  return query.size ? `${filled}?${query}` : filled;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function TryIt({ method, path, parameters, initialBody, sendsApiKey }: TryItProps) {
  const apiKey = useApiKey();
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState(initialBody ?? '');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setSending(true);
    setFailure(null);
    setAnswer(null);
    const headers = new Headers();
    if (sendsApiKey && apiKey) headers.set('Authorization', `Bearer ${apiKey}`);
    if (initialBody !== undefined && body.trim()) headers.set('Content-Type', 'application/json');
    for (const parameter of parameters) {
      const value = values[`header.${parameter.name}`];
      if (parameter.in === 'header' && value) headers.set(parameter.name, value);
    }
    try {
      const response = await fetch(requestUrl(path, parameters, values), {
        method: method.toUpperCase(),
        headers,
        body: initialBody !== undefined && body.trim() ? body : undefined,
        signal: controller.signal,
      });
      const shown: Answer = { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type') ?? '', text: '' };
      setAnswer(shown);
      if (!response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        shown.text = (shown.text + chunk.value).slice(-MAX_SHOWN_CHARACTERS);
        setAnswer({ ...shown });
      }
    } catch (error) {
      if (!controller.signal.aborted) setFailure((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={send} className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-700" aria-label={`Try ${method.toUpperCase()} ${path}`}>
      {parameters.length > 0 && (
        <div className="grid gap-3 sm:grid-cols-2">
          {parameters.map((parameter) => (
            <TextField
              key={`${parameter.in}.${parameter.name}`}
              label={`${parameter.name} (${parameter.in}${parameter.required ? ', required' : ''})`}
              required={parameter.required}
              value={values[`${parameter.in}.${parameter.name}`] ?? ''}
              onChange={(event) => setValues({ ...values, [`${parameter.in}.${parameter.name}`]: event.target.value })}
              inputClassName="font-mono"
            />
          ))}
        </div>
      )}
      {initialBody !== undefined && (
        <TextAreaField label="Request body (JSON)" value={body} onChange={(event) => setBody(event.target.value)} rows={Math.min(12, body.split('\n').length + 1)} spellCheck={false} />
      )}
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" size="sm" loading={sending}>
          Send request
        </Button>
        {sending && (
          <Button size="sm" onClick={() => abort.current?.abort()}>
            Stop
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {failure && <p className="text-sm text-red-700 dark:text-red-300">The request failed: {failure}</p>}
        {answer && (
          <div className="space-y-1">
            <p className="text-sm font-medium">
              Answer: <span className="font-mono">{answer.status} {answer.statusText}</span>
              {answer.contentType && <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">{answer.contentType}</span>}
            </p>
            {answer.text && (
              <pre className="max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100" data-testid="try-it-answer">
                {answer.contentType.startsWith('application/json') && !sending ? pretty(answer.text) : answer.text}
              </pre>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
