import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createI18n, LOCALE_STORAGE_KEY, LocaleProvider, translate, useI18n } from './locale.js';
import { messagesEn } from './messages.en.js';
import { messagesId } from './messages.id.js';

function Switcher() {
  const { t, locale, setLocale } = useI18n();
  return <button onClick={() => setLocale(locale === 'id' ? 'en' : 'id')}>{t('nav.workers')}</button>;
}

describe('i18n', () => {
  beforeEach(() => localStorage.clear());

  it('has an English text for every Indonesian one, with the same placeholders', () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesId).sort());
    for (const key of Object.keys(messagesId) as (keyof typeof messagesId)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(messagesEn[key]), key).toEqual(names(messagesId[key]));
    }
  });

  it('fills in values and formats numbers and dates the local way', () => {
    expect(translate('id', 'coverage.resultCount', { count: 9 })).toBe('9 organisasi belum memiliki Peksos');
    const id = createI18n('id', () => {});
    const en = createI18n('en', () => {});
    expect(id.formatNumber(582000)).toBe('582.000');
    expect(en.formatNumber(582000)).toBe('582,000');
    expect(id.formatDate('2017-12-03')).toMatch(/^3 Des 2017$/);
    expect(en.formatDate('2017-12-03')).toBe('3 Dec 2017');
  });

  it('starts in Indonesian and remembers English once chosen', () => {
    const { unmount } = render(
      <LocaleProvider>
        <Switcher />
      </LocaleProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Pekerja sosial' }));
    expect(screen.getByRole('button', { name: 'Social workers' })).toBeTruthy();
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    unmount();
    render(
      <LocaleProvider>
        <Switcher />
      </LocaleProvider>,
    );
    expect(screen.getByRole('button', { name: 'Social workers' })).toBeTruthy();
  });
});
