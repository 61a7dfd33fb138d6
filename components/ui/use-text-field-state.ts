'use client';

import { useState, type ChangeEvent } from 'react';

/**
 * The value of a text field and its validation message, which clears as soon as the user types again.
 * `onEdit` runs on every keystroke too (e.g. to hide a "saved" notice).
 */
export function useTextFieldState(initial = '', onEdit?: () => void) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  function onChange(event: ChangeEvent<HTMLInputElement>) {
    setValue(event.target.value);
    setError(null);
    onEdit?.();
  }
  /** `field` spreads onto a TextField. */
  return { value, setError, field: { value, onChange, error } };
}
