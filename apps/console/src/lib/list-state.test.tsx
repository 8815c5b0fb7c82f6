import { act, render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useListState, type ListState } from './list-state.js';

function Probe({ onState }: { onState(state: ListState, search: string): void }) {
  const list = useListState();
  const location = useLocation();
  onState(list, location.search);
  return null;
}

function setup(initial = '/') {
  let list!: ListState;
  let search = '';
  render(
    <MemoryRouter initialEntries={[initial]}>
      <Probe
        onState={(state, current) => {
          list = state;
          search = current;
        }}
      />
    </MemoryRouter>,
  );
  return { list: () => list, search: () => search };
}

describe('useListState', () => {
  it('keeps two quick changes made before a re-render', () => {
    const state = setup('/?size=50');
    act(() => {
      state.list().set({ kec: '32.77.03' });
      state.list().set({ certified: '1' });
    });
    expect(new URLSearchParams(state.search()).get('kec')).toBe('32.77.03');
    expect(new URLSearchParams(state.search()).get('certified')).toBe('1');
    expect(new URLSearchParams(state.search()).get('size')).toBe('50');
  });

  it('pages forward and back with cursors, and a filter change returns to the first page', () => {
    const state = setup('/?q=asep');
    expect(state.list().pageNumber).toBe(1);
    act(() => state.list().nextPage('c1'));
    expect(state.list().pageNumber).toBe(2);
    expect(state.list().after).toBe('c1');
    act(() => state.list().nextPage('c2'));
    expect(state.list().pageNumber).toBe(3);
    act(() => state.list().previousPage());
    expect(state.list().pageNumber).toBe(2);
    expect(state.list().after).toBe('c1');
    act(() => state.list().previousPage());
    expect(state.list().pageNumber).toBe(1);
    expect(state.list().after).toBeNull();
    act(() => state.list().nextPage('c1'));
    act(() => state.list().set({ kind: ['LK3', 'PKH_UNIT'] }));
    expect(state.list().pageNumber).toBe(1);
    expect(state.list().getAll('kind')).toEqual(['LK3', 'PKH_UNIT']);
    expect(state.list().get('q')).toBe('asep');
  });
});
