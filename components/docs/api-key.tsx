'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { TextField } from '@/components/ui/field';

// The API key the "try it" forms send. It stays in this page's memory only: never stored, never sent elsewhere.

const ApiKeyContext = createContext<{ apiKey: string; setApiKey: (key: string) => void }>({ apiKey: '', setApiKey: () => {} });

export function ApiKeyProvider({ children }: { children: ReactNode }) {
  const [apiKey, setApiKey] = useState('');
  return <ApiKeyContext.Provider value={{ apiKey, setApiKey }}>{children}</ApiKeyContext.Provider>;
}

export function useApiKey(): string {
  return useContext(ApiKeyContext).apiKey;
}

export function ApiKeyField() {
  const { apiKey, setApiKey } = useContext(ApiKeyContext);
  return (
    <TextField
      label="API key for “Try it”"
      type="password"
      autoComplete="off"
      placeholder="wft_…"
      value={apiKey}
      onChange={(event) => setApiKey(event.target.value.trim())}
      hint="Kept in this page only. Leave empty to use your signed-in session. Create keys under Settings → API keys."
      inputClassName="font-mono"
    />
  );
}
