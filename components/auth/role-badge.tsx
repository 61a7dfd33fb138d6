import { Badge } from '@/components/ui/badge';
import { ROLE_LABEL, type Role } from './roles';

const TONE = { owner: 'indigo', editor: 'emerald', viewer: 'neutral' } as const;

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={TONE[role]}>{ROLE_LABEL[role]}</Badge>;
}
