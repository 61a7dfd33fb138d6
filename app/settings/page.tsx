import type { Metadata } from 'next';
import { WorkspaceSettings } from '@/components/settings/workspace-settings';

export const metadata: Metadata = { title: 'General' };

export default function GeneralSettingsPage() {
  return <WorkspaceSettings />;
}
