'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';

type Decision = 'approved' | 'rejected';

// The buttons of a signed approval link's page. Only this POST decides: opening the link (or a chat app
// previewing it) just shows the page.

export function ApprovalLinkForm({ token }: { token: string }) {
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState<Decision | null>(null);
  const [decided, setDecided] = useState<Decision | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function decide(decision: Decision) {
    setSending(decision);
    setProblem(null);
    try {
      const body = comment.trim() ? { decision, comment: comment.trim() } : { decision };
      const response = await fetch(`/api/approvals/${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (response.ok) setDecided(decision);
      else setProblem(((await response.json()) as { error?: string }).error ?? 'The decision could not be recorded');
    } catch {
      setProblem('The decision could not be sent; check your connection and try again');
    } finally {
      setSending(null);
    }
  }

  if (decided) {
    return (
      <div className="mt-6">
        <Alert tone="success" title={decided === 'approved' ? 'Approved' : 'Rejected'}>
          Thank you. Your decision was recorded and the workflow continues.
        </Alert>
      </div>
    );
  }
  return (
    <form className="mt-6 space-y-4" aria-label="Decision" onSubmit={(event) => event.preventDefault()}>
      <TextAreaField label="Comment (optional)" hint="Recorded with your decision." value={comment} maxLength={4000} rows={3} onChange={(e) => setComment(e.target.value)} />
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" loading={sending === 'approved'} disabled={sending !== null} onClick={() => void decide('approved')}>
          Approve
        </Button>
        <Button loading={sending === 'rejected'} disabled={sending !== null} onClick={() => void decide('rejected')}>
          Reject
        </Button>
      </div>
    </form>
  );
}
