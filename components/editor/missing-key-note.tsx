'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { Alert } from '@/components/ui/alert';
import { Icon } from '@/components/ui/icons';
import { useEditorActions } from './editor-context';
import { blocksMissingKeys } from './model-providers';
import { useEditorStore } from './store';
import { useModelProviders } from './use-model-providers';

// Warnings, before a run rather than in it, that a model block's provider has no key in this workspace, each with
// the way to Settings → Credentials.

const CREDENTIALS = '/settings/credentials';

function settingList(missing: readonly string[]) {
  return missing.map((name, index) => (
    <span key={name}>
      {index > 0 && ' and '}
      <code className="font-mono">{name}</code>
    </span>
  ));
}

/** Under a model picker: the chosen model's provider lacks these settings. */
export function MissingKeyNote({ provider, missing }: { provider: string; missing: readonly string[] }) {
  return (
    <p role="status" className="mt-1.5 flex items-start gap-1 text-xs text-amber-800 dark:text-amber-300" data-testid="missing-key">
      <Icon name="alert" className="mt-px h-3.5 w-3.5 shrink-0" />
      <span>
        {provider} needs {settingList(missing)}, which this workspace does not have yet: runs of this block will fail.{' '}
        <Link href={CREDENTIALS} className="font-medium underline">
          Add it in Settings → Credentials
        </Link>
      </span>
    </p>
  );
}

/** In the run dialog: every block of the canvas whose provider lacks a key, linked to the block. */
export function MissingKeysAlert({ onPick }: { onPick(): void }) {
  const status = useModelProviders();
  const { focusBlock } = useEditorActions();
  const nodes = useEditorStore((state) => state.nodes);
  const catalog = useEditorStore((state) => state.catalog);
  const blocks = useMemo(() => (status ? blocksMissingKeys(nodes, catalog, status) : []), [nodes, catalog, status]);
  if (blocks.length === 0) return null;
  return (
    <div className="mb-4" data-testid="run-missing-keys">
      <Alert tone="warning" title={`${blocks.length === 1 ? 'A model block' : `${blocks.length} model blocks`} will fail: no key for the provider`}>
        <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs">
          {blocks.map((block) => (
            <li key={block.blockId}>
              <button
                type="button"
                className="font-semibold underline"
                onClick={() => {
                  onPick();
                  focusBlock(block.blockId);
                }}
              >
                {block.name}
              </button>
              : {block.provider} needs {settingList(block.missing)}.
            </li>
          ))}
        </ul>
        <Link href={CREDENTIALS} className="mt-1.5 inline-block text-xs font-medium underline">
          Add keys in Settings → Credentials
        </Link>
      </Alert>
    </div>
  );
}
