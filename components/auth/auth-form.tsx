'use client';

import Link from 'next/link';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField, type TextFieldProps } from '@/components/ui/field';
import { INVITATION_HEADER } from '@/lib/invitation-header';
import { authClient, authErrorMessage, cookieRefusedMessage, MIN_PASSWORD_LENGTH } from './auth-client';
import { authPageHref, invitationTokenIn } from './next-path';

type Mode = 'sign-in' | 'sign-up';
type FieldName = 'name' | 'email' | 'password';
type FieldErrors = Partial<Record<FieldName, string>>;

const SWITCH_LINK =
  'rounded font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400 dark:hover:text-indigo-300';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(mode: Mode, values: Record<FieldName, string>): FieldErrors {
  const errors: FieldErrors = {};
  if (mode === 'sign-up' && !values.name.trim()) errors.name = 'Enter your name.';
  if (!values.email.trim()) errors.email = 'Enter your email address.';
  else if (!EMAIL.test(values.email.trim())) errors.email = 'Enter a valid email address, like name@example.com.';
  if (!values.password) errors.password = 'Enter your password.';
  else if (mode === 'sign-up' && values.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return errors;
}

/** The inputs each mode asks for, in order: sign-up adds the name and wants a new password. */
function fieldsOf(mode: Mode): Array<{ name: FieldName } & Omit<TextFieldProps, 'name'>> {
  const signUp = mode === 'sign-up';
  return [
    ...(signUp ? [{ name: 'name' as const, label: 'Name', autoComplete: 'name' }] : []),
    { name: 'email', label: 'Email', type: 'email', autoComplete: 'email', inputMode: 'email' },
    {
      name: 'password',
      label: 'Password',
      type: 'password',
      autoComplete: signUp ? 'new-password' : 'current-password',
      hint: signUp ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined,
    },
  ];
}

/** Switches between sign-in and sign-up: in place when the page offers it (a dialog), else by going to the other page. */
function ModeSwitch({ onSwitchMode, href, className, children }: { onSwitchMode?: () => void; href: string; className: string; children: ReactNode }) {
  return onSwitchMode ? (
    <button type="button" onClick={onSwitchMode} className={className}>
      {children}
    </button>
  ) : (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}

/**
 * Email and password sign-in or sign-up. On success the browser loads `next` afresh (or where `onSignedIn`, given
 * the chance to act first, says), so the header, the session and every cached query start from the signed-in state.
 */
export function AuthForm({
  mode,
  next,
  onSwitchMode,
  onSignedIn,
}: {
  mode: Mode;
  next: string;
  onSwitchMode?: () => void;
  onSignedIn?: () => Promise<string>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<FieldName, string>>({ name: '', email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ message: string; emailTaken: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const signUp = mode === 'sign-up';

  const update = (field: FieldName) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    if (fieldErrors[field]) setFieldErrors((current) => ({ ...current, [field]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate(mode, values);
    setFieldErrors(errors);
    setFormError(null);
    const firstInvalid = (['name', 'email', 'password'] as const).find((field) => errors[field]);
    if (firstInvalid) {
      formRef.current?.querySelector<HTMLInputElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    setPending(true);
    const email = values.email.trim();
    try {
      const invitation = invitationTokenIn(next);
      const { error } = signUp
        ? await authClient.signUp.email({
            name: values.name.trim(),
            email,
            password: values.password,
            fetchOptions: invitation ? { headers: { [INVITATION_HEADER]: invitation } } : undefined,
          })
        : await authClient.signIn.email({ email, password: values.password });
      if (error) {
        setFormError({ message: authErrorMessage(error), emailTaken: Boolean(error.code?.startsWith('USER_ALREADY_EXISTS')) });
      } else if (!(await authClient.getSession()).data) {
        // Signed in, but the browser refused the session cookie: going on would only land back on sign-in.
        setFormError({ message: cookieRefusedMessage(), emailTaken: false });
      } else {
        window.location.assign(onSignedIn ? await onSignedIn() : next);
        return;
      }
    } catch {
      setFormError({ message: 'Could not reach the Weft server. Check your connection and try again.', emailTaken: false });
    }
    setPending(false);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4" aria-label={signUp ? 'Create account' : 'Sign in'}>
      {formError && (
        <Alert tone="error">
          {formError.message}
          {formError.emailTaken && (
            <>
              {' '}
              <ModeSwitch onSwitchMode={onSwitchMode} href={authPageHref('/sign-in', next)} className="font-medium underline underline-offset-2">
                Sign in
              </ModeSwitch>
            </>
          )}
        </Alert>
      )}
      {fieldsOf(mode).map(({ name, ...field }) => (
        <TextField key={name} name={name} value={values[name]} onChange={update(name)} error={fieldErrors[name]} disabled={pending} {...field} />
      ))}
      <Button type="submit" variant="primary" loading={pending} className="w-full">
        {signUp ? (pending ? 'Creating account…' : 'Create account') : pending ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        {signUp ? 'Already have an account?' : 'New to Weft?'}{' '}
        <ModeSwitch onSwitchMode={onSwitchMode} href={authPageHref(signUp ? '/sign-in' : '/sign-up', next)} className={SWITCH_LINK}>
          {signUp ? 'Sign in' : 'Create an account'}
        </ModeSwitch>
      </p>
    </form>
  );
}
