'use client';

import { useState } from 'react';
import { collectTypedInput, initialFieldCheck, initialFieldText, withoutField, type TypedField } from './typed-input';

/**
 * What a form of typed input fields keeps while it is filled in (the run dialog's, a hosted form's): each field's
 * text or tick, starting from `start` where it has the field and from the field's default otherwise, and the
 * errors shown, each cleared as its field is edited.
 */
export function useTypedFields(fields: readonly TypedField[], start: Record<string, unknown> = {}) {
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.name, initialFieldText(field, start[field.name] ?? field.default)])));
  const [checks, setChecks] = useState<Record<string, boolean>>(() => Object.fromEntries(fields.map((field) => [field.name, initialFieldCheck(field, start[field.name] ?? field.default)])));
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** The props of one field's TypedFieldControl. */
  const controlProps = (field: TypedField) => ({
    field,
    text: texts[field.name] ?? '',
    checked: checks[field.name] ?? false,
    error: errors[field.name],
    onText: (text: string) => {
      setTexts((current) => ({ ...current, [field.name]: text }));
      setErrors((current) => withoutField(current, field.name));
    },
    onCheck: (checked: boolean) => setChecks((current) => ({ ...current, [field.name]: checked })),
  });

  return { errors, setErrors, controlProps, collect: () => collectTypedInput(fields, texts, checks) };
}
