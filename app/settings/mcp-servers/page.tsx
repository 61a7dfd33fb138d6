import type { Metadata } from 'next';
import { McpServersSettings } from '@/components/settings/mcp-servers-settings';

export const metadata: Metadata = { title: 'MCP servers' };

export default function McpServersSettingsPage() {
  return <McpServersSettings />;
}
