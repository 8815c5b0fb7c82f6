import { labelIn, type BilingualLabel, type Locale } from '@peksos/types';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messagesEn } from './messages.en.js';
import { messagesId, type MessageKey } from './messages.id.js';

export type { Locale, MessageKey };

/** Where the chosen language is remembered between visits. */
export const LOCALE_STORAGE_KEY = 'peksos.locale';

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { id: messagesId, en: messagesEn };
/** Intl locale for each console language. */
const INTL_LOCALES: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

export type Values = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, values?: Values): string {
  const template = DICTIONARIES[locale][key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Values): string;
  /** A label from @peksos/types in the chosen language. */
  label(label: BilingualLabel): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  /** A `YYYY-MM-DD` date, written the local way (e.g. 3 Des 2017). */
  formatDate(value: string | null | undefined): string;
  formatDateTime(value: string | null | undefined): string;
}

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return stored === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function createI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const intl = INTL_LOCALES[locale];
  const dateFormat = new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    locale,
    setLocale,
    t: (key, values) => translate(locale, key, values),
    label: (label) => labelIn(label, locale),
    formatNumber: (value, options) => new Intl.NumberFormat(intl, options).format(value),
    formatDate: (value) => {
      if (!value) return '—';
      const [year, month, day] = value.split('-').map(Number);
      if (!year || !month || !day) return value;
      return dateFormat.format(new Date(Date.UTC(year, month - 1, day)));
    },
    formatDateTime: (value) => (value ? dateTimeFormat.format(new Date(value)) : '—'),
  };
}

const I18nContext = createContext<I18n | null>(null);

export function LocaleProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readStoredLocale());
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this visit only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const i18n = useMemo(() => createI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs a LocaleProvider above it');
  return i18n;
}
