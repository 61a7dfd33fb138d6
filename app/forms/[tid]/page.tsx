import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { RedirectToSignIn } from '@/components/auth/redirect-to-sign-in';
import { HostedForm } from '@/components/forms/hosted-form';
import { ApiError } from '@/server/errors';
import { describeForm } from '@/server/services/trigger-forms';

export const metadata: Metadata = { title: 'Form' };

/** A form trigger's page: the deployed workflow's input fields; submitting runs it and shows the output. */
export default async function FormPage({ params }: { params: Promise<{ tid: string }> }) {
  const { tid } = await params;
  let form: Awaited<ReturnType<typeof describeForm>>;
  try {
    form = await describeForm(tid, await headers());
  } catch (error) {
    if (error instanceof ApiError && error.code === 'trigger_not_found') notFound();
    throw error;
  }
  if (form.state === 'sign_in') return <RedirectToSignIn />;
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-10">
      <h1 className="text-xl font-semibold">{form.name}</h1>
      {form.description ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{form.description}</p> : null}
      {form.state === 'closed' ? (
        <p className="mt-6 text-sm">This form is closed.</p>
      ) : (
        <HostedForm triggerId={tid} fields={form.fields} />
      )}
    </div>
  );
}
