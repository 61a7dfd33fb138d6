'use client';

import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { EditorView, keymap } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { filterSuggestions, openTemplateBefore, type Suggestion } from './suggestions';

// CodeMirror for code (JavaScript) and JSON fields. JavaScript completes the upstream block ids (they are variables
// in the sandbox) and their output fields; JSON completes `{{ }}` template references.

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  language: 'javascript' | 'json';
  /** Upstream references, read when completion opens (so they are never stale). */
  suggestions?: () => Suggestion[];
  theme: 'light' | 'dark';
  readOnly?: boolean;
  label: string;
  describedBy?: string;
  invalid?: boolean;
  placeholder?: string;
  minHeight?: string;
  maxHeight?: string;
  testId?: string;
}

const sizing = EditorView.theme({
  '&': { fontSize: '12.5px' },
  '.cm-content': { fontFamily: 'var(--font-mono)', padding: '6px 0' },
  '.cm-gutters': { fontFamily: 'var(--font-mono)', border: 'none' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { overflow: 'auto' },
});

// CodeMirror's own placeholder grey (#888) is 3.5:1 on white; these are the app's muted text (zinc-500 / zinc-400).
const readablePlaceholder = EditorView.baseTheme({
  '&light .cm-placeholder': { color: '#71717a' },
  '&dark .cm-placeholder': { color: '#a1a1aa' },
});

/** `value`, `onChange`, `theme` and `placeholder` go to CodeMirror as they are (`mirrorProps`). */
export function CodeEditor({
  language,
  suggestions,
  readOnly = false,
  label,
  describedBy,
  invalid = false,
  minHeight = '72px',
  maxHeight = '320px',
  testId,
  ...mirrorProps
}: CodeEditorProps) {
  const extensions = useMemo(() => {
    const identifierSource = (context: CompletionContext): CompletionResult | null => {
      const word = context.matchBefore(/[A-Za-z_$][\w$]*(?:\.[\w$]*)*/);
      if (!word || (word.from === word.to && !context.explicit)) return null;
      const options: Completion[] = filterSuggestions(suggestions?.() ?? [], word.text, 100)
        .filter((suggestion) => suggestion.ref.toLowerCase().startsWith(word.text.toLowerCase()))
        .map((suggestion) => ({ label: suggestion.ref, detail: suggestion.detail, type: suggestion.block ? 'variable' : 'property', boost: 10 }));
      return options.length ? { from: word.from, options, validFor: /^[\w$.]*$/ } : null;
    };
    const templateSource = (context: CompletionContext): CompletionResult | null => {
      const line = context.state.doc.lineAt(context.pos);
      const open = openTemplateBefore(line.text.slice(0, context.pos - line.from));
      if (!open) return null;
      const after = context.state.sliceDoc(context.pos, context.pos + 2);
      const options: Completion[] = filterSuggestions(suggestions?.() ?? [], open.typed, 100).map((suggestion) => ({
        label: suggestion.ref,
        detail: suggestion.detail,
        type: suggestion.block ? 'variable' : 'property',
        apply: after === '}}' ? suggestion.ref : `${suggestion.ref}}}`,
      }));
      return options.length ? { from: line.from + open.start, options, validFor: /^[\w.]*$/ } : null;
    };
    const languageSupport =
      language === 'javascript'
        ? [javascript(), javascriptLanguage.data.of({ autocomplete: identifierSource })]
        : [json(), jsonLanguage.data.of({ autocomplete: templateSource })];
    return [
      ...languageSupport,
      autocompletion({ activateOnTyping: true, icons: false }),
      sizing,
      readablePlaceholder,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-label': label,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
        ...(testId ? { 'data-testid': testId } : {}),
      }),
      // Escape leaves the editor instead of being swallowed, so keyboard users are never trapped in it.
      keymap.of([{ key: 'Escape', run: (view) => (view.contentDOM.blur(), true) }]),
    ];
  }, [language, label, describedBy, invalid, testId, suggestions]);

  return (
    <div
      className={`overflow-hidden rounded-md border shadow-sm focus-within:outline-2 focus-within:outline-indigo-500 ${
        invalid ? 'border-red-400 dark:border-red-500' : 'border-zinc-300 dark:border-zinc-700'
      }`}
    >
      <CodeMirror
        {...mirrorProps}
        extensions={extensions}
        readOnly={readOnly}
        editable={!readOnly}
        minHeight={minHeight}
        maxHeight={maxHeight}
        basicSetup={{
          lineNumbers: language === 'javascript',
          foldGutter: false,
          highlightActiveLine: false,
          highlightActiveLineGutter: false,
          autocompletion: false,
          searchKeymap: false,
        }}
      />
    </div>
  );
}
