import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** A change to the URL's list state: a string sets a parameter, a list sets it repeatedly, null/'' removes it. */
export type ParamChanges = Record<string, string | readonly string[] | null | undefined>;

export interface ListState {
  params: URLSearchParams;
  get(key: string): string | null;
  getAll(key: string): string[];
  getBoolean(key: string): boolean;
  /** Changes filters or sorting; goes back to the first page unless keepPage. */
  set(changes: ParamChanges, options?: { keepPage?: boolean; replace?: boolean }): void;
  reset(keep?: string[]): void;
  pageSize: number;
  /** Cursor of the current page (the endCursor of the page before). */
  after: string | null;
  pageNumber: number;
  nextPage(endCursor: string): void;
  previousPage(): void;
}

/**
 * List state (filters, sort, page) kept in the URL, so a list can be bookmarked, shared and reloaded.
 * Paging is forward-only with cursors (Relay): `after` is the current page's cursor and `prev` the cursors of the
 * pages before it ('-' for the first page), so "previous" works from a shared address too.
 */
export function useListState(): ListState {
  const [params, setParams] = useSearchParams();

  // The latest address, including changes made since the last render: two quick changes (a kecamatan, then a
  // switch) must both stay, even before React has re-rendered with the first.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);

  const set = useCallback(
    (changes: ParamChanges, options: { keepPage?: boolean; replace?: boolean } = {}) => {
      const next = new URLSearchParams(latest.current);
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        if (Array.isArray(value)) value.forEach((item) => next.append(key, item));
        else if (typeof value === 'string' && value !== '') next.set(key, value);
      }
      if (!options.keepPage) {
        next.delete('after');
        next.delete('prev');
      }
      latest.current = next;
      setParams(next, { replace: options.replace ?? false });
    },
    [setParams],
  );

  return useMemo(() => {
    const prev = params.get('prev')?.split(',').filter(Boolean) ?? [];
    const size = Number(params.get('size'));
    const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
    const after = params.get('after');
    return {
      params,
      get: (key) => params.get(key),
      getAll: (key) => params.getAll(key),
      getBoolean: (key) => params.get(key) === '1',
      set,
      reset: (keep = []) => {
        const next = new URLSearchParams();
        keep.forEach((key) => latest.current.getAll(key).forEach((value) => next.append(key, value)));
        latest.current = next;
        setParams(next);
      },
      pageSize,
      after,
      pageNumber: after ? prev.length + 1 : 1,
      nextPage: (endCursor) =>
        set({ after: endCursor, prev: after ? [...prev, after].join(',') : '-' }, { keepPage: true }),
      previousPage: () => {
        const before = prev.slice(0, -1);
        const last = prev.at(-1);
        set({ after: last && last !== '-' ? last : null, prev: before.length ? before.join(',') : null }, { keepPage: true });
      },
    };
  }, [params, set, setParams]);
}
