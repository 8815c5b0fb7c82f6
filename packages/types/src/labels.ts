/** A text people read, in Bahasa Indonesia first and English second. */
export interface BilingualLabel {
  id: string;
  en: string;
}

export type Locale = 'id' | 'en';

export function labelIn(label: BilingualLabel, locale: Locale): string {
  return locale === 'en' ? label.en : label.id;
}
