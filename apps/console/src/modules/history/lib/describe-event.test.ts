import { describe, expect, it } from 'vitest';
import { describeEvent, recordLink, type HistoryEventLike } from './describe-event.js';

const base: Omit<HistoryEventLike, 'record' | 'related' | 'changes' | 'action'> = {
  recordedAt: '2026-12-03T02:00:00Z',
  actorName: 'Siti',
  actorRole: 'coordinator',
};
const worker = { table: 'worker', id: 'w1', name: 'Sri', column: 'worker_id' };
const organisation = { table: 'organisation', id: 'o1', name: 'LKS Harapan', column: 'organisation_id' };

describe('describeEvent', () => {
  it('says a placement in words, with the worker and the organisation as links', () => {
    const sentence = describeEvent({
      ...base,
      action: 'INSERT',
      record: { table: 'assignment', id: 'a1', name: null },
      related: [worker, organisation],
      changes: [{ field: 'starts_on', before: null, after: '2026-12-03', personal: false }],
    });
    expect(sentence.key).toBe('history.assignment.placed');
    expect(sentence.parts).toEqual({
      worker: { kind: 'record', name: 'Sri', to: '/workers/w1' },
      organisation: { kind: 'record', name: 'LKS Harapan', to: '/organisations/o1' },
      date: { kind: 'date', date: '2026-12-03' },
    });
  });

  it('tells an ended placement, an archived record and a plain change apart', () => {
    const ended = describeEvent({
      ...base,
      action: 'UPDATE',
      record: { table: 'assignment', id: 'a1', name: null },
      related: [worker, organisation],
      changes: [{ field: 'ends_on', before: null, after: '2027-01-01', personal: false }],
    });
    expect(ended.key).toBe('history.assignment.ended');
    const archived = describeEvent({
      ...base,
      action: 'UPDATE',
      record: { table: 'worker', id: 'w1', name: 'Sri' },
      related: [],
      changes: [
        { field: 'archived_at', before: null, after: '2026-12-03T02:00:00Z', personal: false },
        { field: 'archive_reason', before: null, after: 'Pensiun', personal: false },
      ],
    });
    expect(archived).toMatchObject({ key: 'history.record.archived', parts: { reason: { kind: 'text', text: 'Pensiun' } } });
    const changed = describeEvent({
      ...base,
      action: 'UPDATE',
      record: { table: 'worker', id: 'w1', name: 'Sri' },
      related: [],
      changes: [{ field: 'phone', before: null, after: null, personal: true }],
    });
    expect(changed.key).toBe('history.record.changed');
  });

  it('links only records that have a page', () => {
    expect(recordLink('social_case', 'c1')).toBe('/cases/c1');
    expect(recordLink('assignment', 'a1')).toBeNull();
  });
});
