import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/locale.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPED_DATE = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/;

/** A `YYYY-MM-DD` date as the office writes it: `01/12/2026`. */
function toDayMonthYear(iso: string | null | undefined): string {
  const match = iso ? ISO_DATE.exec(iso) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/** What was typed (`1/12/2026`, `01-12-2026`, `01122026`) as `YYYY-MM-DD`, or null when it is no calendar date. */
export function parseDayMonthYear(text: string): string | null {
  const trimmed = text.trim();
  const match = TYPED_DATE.exec(trimmed) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Slashes put in while typing digits: `01` → `01/`, `01/12` → `01/12/`; deleting is left alone. */
function masked(next: string, previous: string): string {
  if (next.length <= previous.length) return next;
  if (/^\d{2}$/.test(next) || /^\d{1,2}\/\d{2}$/.test(next)) return `${next}/`;
  return next;
}

/**
 * A date typed as dd/mm/yyyy, whatever the browser's language (its own date picker follows the browser's locale,
 * so an Indonesian reader saw 12/01/2026 for 1 December). The value is the API's `YYYY-MM-DD`: `onChange` gets it
 * once the text is a calendar date, '' when the field is emptied, and the text itself while it is not a date yet (so
 * a form's check or the server refuses it rather than dropping it); the field says so when it is left.
 */
export function DateField({
  value,
  onChange,
  error,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange' | 'type'> & {
  /** `YYYY-MM-DD`, or '' / null for none. */
  value?: string | null;
  onChange(value: string): void;
  error?: ReactNode;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(() => toDayMonthYear(value));
  const [invalid, setInvalid] = useState(false);

  // A value set from outside (a reset, a filter from the address) replaces what is shown.
  useEffect(() => {
    setText((current) => {
      // What was typed is still what the value says (the date, or the text itself while it is not a date yet).
      const typed = parseDayMonthYear(current) ?? current.trim();
      return typed === (value ?? '') ? current : toDayMonthYear(value);
    });
  }, [value]);

  return (
    <TextInput
      {...props}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('date.placeholder')}
      maxLength={10}
      onChange={(event) => {
        const next = masked(event.currentTarget.value, text);
        setText(next);
        setInvalid(false);
        const iso = parseDayMonthYear(next);
        if (iso) onChange(iso);
        else onChange(next.trim() === '' ? '' : next);
      }}
      onBlur={(event) => {
        const iso = parseDayMonthYear(text);
        if (iso) setText(toDayMonthYear(iso));
        setInvalid(text.trim() !== '' && !iso);
        props.onBlur?.(event);
      }}
      error={error ?? (invalid ? t('date.invalid') : undefined)}
      data-date-field=""
    />
  );
}
