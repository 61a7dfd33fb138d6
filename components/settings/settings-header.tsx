'use client';

import { useAccount } from '@/components/auth/use-account';
import { NavLink } from '@/components/ui/nav-link';

const TABS = [
  { href: '/settings', label: 'General', exact: true },
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/api-keys', label: 'API keys' },
  { href: '/settings/credentials', label: 'Credentials' },
  { href: '/settings/mcp-servers', label: 'MCP servers' },
  { href: '/settings/model-prices', label: 'Model prices' },
];

export function SettingsHeader() {
  const { workspace } = useAccount();
  return (
    <div className="mb-8">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <p className="mt-1 h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {workspace ? (
          <>
            For the workspace <span className="font-medium text-zinc-900 dark:text-zinc-100">{workspace.name}</span>
          </>
        ) : null}
      </p>
      <nav aria-label="Settings" className="mt-6 flex gap-6 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((tab) => (
          <NavLink key={tab.href} href={tab.href} exact={tab.exact} variant="tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
