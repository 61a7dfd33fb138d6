import type { Metadata } from 'next';
import { ApprovalLinkForm } from '@/components/approvals/approval-link-form';
import { Alert } from '@/components/ui/alert';
import { describeApprovalLink } from '@/server/services/executions/approval-links';

export const dynamic = 'force-dynamic';

// The token in the address is a credential: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: 'Approval', referrer: 'no-referrer', robots: { index: false, follow: false } };

const REFUSED = {
  invalid: { title: 'This approval link is not valid', body: 'It may have been changed or cut short when it was copied. Ask for a new link.' },
  expired: { title: 'This approval link has expired', body: 'Ask whoever sent it for a new link.' },
};

/** Public: a signed approval link opens here. Showing the page decides nothing; its buttons do. */
export default async function ApprovalLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeApprovalLink(token);
  if (link.state === 'refused') {
    const refused = REFUSED[link.reason];
    return (
      <div className="mx-auto w-full max-w-xl px-4 py-10">
        <h1 className="text-xl font-semibold">Approval</h1>
        <div className="mt-6">
          <Alert tone="warning" title={refused.title}>
            {refused.body}
          </Alert>
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-10">
      <h1 className="text-xl font-semibold">Approval requested</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Workflow <span className="font-medium text-zinc-900 dark:text-zinc-100">{link.workflow_name}</span>, step{' '}
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{link.block_name ?? link.block_id}</span>
      </p>
      {link.state === 'decided' ? (
        <div className="mt-6">
          <Alert tone="info" title="Already decided">
            {link.note}
          </Alert>
        </div>
      ) : (
        <>
          {link.message ? <p className="mt-6 rounded-md border border-zinc-200 p-3 text-sm whitespace-pre-wrap dark:border-zinc-700">{link.message}</p> : null}
          <ApprovalLinkForm token={token} />
          <p className="mt-6 text-xs text-zinc-500">This link works until {new Date(link.expires_at).toUTCString()}.</p>
        </>
      )}
    </div>
  );
}
