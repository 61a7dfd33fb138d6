'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import type { ProviderStatus } from './model-providers';

/**
 * The model providers and what this workspace lacks to call each; undefined until loaded. Read again when the
 * window regains focus, so a key just added in Settings → Credentials (another tab) clears the warnings.
 */
export function useModelProviders(): ProviderStatus | undefined {
  const trpc = useTRPC();
  return useQuery({ ...trpc.blocks.providers.queryOptions(), staleTime: 10_000 }).data;
}
