'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { roleAtLeast } from '@/components/auth/roles';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/field';
import { AccountGate } from './account-gate';
import { NamedItemsList } from './named-items-list';
import { ReadOnlyNote, Section, SaveOutcome } from './section';
import { useRefresh } from '@/components/ui/use-refresh';

// MCP servers agent blocks may take tools from (server/services/mcp-servers.ts). The form adds a server or, given
// an existing name, replaces its URL and credential.

interface Draft {
  name: string;
  url: string;
  credential: string;
}

const EMPTY: Draft = { name: '', url: '', credential: '' };

export function McpServersSettings() {
  return <AccountGate>{({ role }) => <McpServers canEdit={roleAtLeast(role, 'editor')} />}</AccountGate>;
}

function McpServers({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const servers = useQuery({ ...trpc.mcpServers.list.queryOptions(), select: (data) => data.mcp_servers });
  const refresh = useRefresh(trpc.mcpServers.list.queryKey());
  const [editing, setEditing] = useState<{ draft: Draft; at: number } | null>(null);

  return (
    <div className="space-y-8">
      {canEdit && (
        <Section
          title="Add an MCP server"
          description="Agent blocks list the server's tools and may call them when their MCP servers setting names it. The URL must be public unless this Weft server allows private networks."
        >
          <McpServerForm key={editing?.at ?? 'new'} initial={editing?.draft ?? EMPTY} onSaved={refresh} />
        </Section>
      )}
      <Section title="MCP servers" description="Model Context Protocol servers (Streamable HTTP) whose tools your agents may use.">
        {!canEdit && <ReadOnlyNote>Viewers can see which MCP servers are configured, but only editors and owners can change them.</ReadOnlyNote>}
        <NamedItemsList
          query={servers}
          what="MCP servers"
          empty={<EmptyState title="No MCP servers yet" description="Add one to give agent blocks its tools, e.g. an issue tracker's or a search engine's." />}
          columns={[
            { head: 'URL', cell: (server) => server.url, className: 'font-mono text-sm break-all' },
            { head: 'Credential', cell: (server) => server.credential ?? '—', className: 'font-mono text-sm' },
          ]}
          canEdit={canEdit}
          changeLabel="Edit"
          onChange={(server) => setEditing({ draft: { ...server, credential: server.credential ?? '' }, at: Date.now() })}
          remove={trpc.mcpServers.delete}
          confirm={{ verb: 'Remove', noun: 'MCP server', consequence: 'Agent blocks that use this MCP server will fail until it is added again.' }}
        />
      </Section>
    </div>
  );
}

function McpServerForm({ initial, onSaved }: { initial: Draft; onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.mcpServers.put.mutationOptions());
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [field]: event.target.value }));
  const credentialOptions = [
    { value: '', label: 'None' },
    ...(credentials.data ?? []).map((credential) => ({ value: credential.name, label: credential.name })),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    save.mutate(
      { name: draft.name.trim(), url: draft.url.trim(), credential: draft.credential || null },
      {
        onSuccess: async (server) => {
          setSaved(`Saved ${server.name}.`);
          setDraft(EMPTY);
          await onSaved();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add or replace an MCP server">
      <SaveOutcome error={save.isError ? save.error : null} saved={saved} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" placeholder="github" autoComplete="off" spellCheck={false} inputClassName="font-mono" maxLength={40} value={draft.name} onChange={set('name')} hint="Agents name the server by this; an existing name is replaced." />
        <TextField label="URL" name="url" type="url" placeholder="https://mcp.example.com/mcp" autoComplete="off" spellCheck={false} value={draft.url} onChange={set('url')} hint="The Streamable HTTP endpoint." />
        <SelectField label="Credential" name="credential" options={credentialOptions} value={draft.credential} onChange={set('credential')} hint="Sent as Authorization: Bearer <value>. Add secrets under Credentials." />
      </div>
      <div className="mt-4 flex justify-end">
        <Button type="submit" variant="primary" loading={save.isPending}>
          Save MCP server
        </Button>
      </div>
    </form>
  );
}
