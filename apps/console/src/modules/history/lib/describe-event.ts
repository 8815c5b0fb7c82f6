import { CORE_ROLE_LABELS, type BilingualLabel } from '@peksos/types';
import type { MessageKey } from '../../../i18n/locale.js';
import { certificationLevelLabel } from '../../../lib/labels.js';

/** What the sentence of an event needs of it (HistoryEventFields). */
export interface HistoryEventLike {
  recordedAt: string;
  action: string;
  actorName: string;
  actorRole?: string | null;
  record: { table: string; id: string; name?: string | null };
  related: readonly { table: string; id: string; name?: string | null; column?: string | null }[];
  changes: readonly { field: string; before?: string | null; after?: string | null; personal: boolean }[];
}

/** A value put into a sentence: text, a date, a label, or a record (a link when it has a page). */
export type SentencePart =
  | { kind: 'text'; text: string }
  | { kind: 'date'; date: string }
  | { kind: 'label'; label: BilingualLabel }
  | { kind: 'message'; key: MessageKey }
  | { kind: 'record'; name: string; to: string | null }
  /** The labels of the fields an update changed. */
  | { kind: 'fields' };

export interface Sentence {
  key: MessageKey;
  parts: Record<string, SentencePart>;
}

const PAGES: Record<string, string> = { organisation: 'organisations', worker: 'workers', social_case: 'cases' };

/** Where a record is shown in the console, if it has a page. */
export function recordLink(table: string, id: string | null | undefined): string | null {
  return id && PAGES[table] ? `/${PAGES[table]}/${id}` : null;
}

/** Column labels for "changed: …", by column name; others are shown as they are. */
const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'history.field.name',
  full_name: 'history.field.name',
  code: 'history.field.code',
  kind: 'history.field.kind',
  area_code: 'history.field.area',
  home_area_code: 'history.field.homeArea',
  parent_id: 'history.field.parent',
  should_have_worker: 'history.field.shouldHaveWorker',
  accreditation_grade: 'history.field.accreditation',
  accreditation_expires_on: 'history.field.accreditation',
  address: 'history.field.address',
  gender: 'history.field.gender',
  employment_status: 'history.field.employmentStatus',
  national_id_number: 'history.field.nationalId',
  phone: 'history.field.phone',
  email: 'history.field.email',
  summary: 'history.field.summary',
  pmks_category_code: 'history.field.category',
  organisation_id: 'history.field.organisation',
  reference: 'history.field.reference',
  opened_on: 'history.field.openedOn',
};

function value(event: HistoryEventLike, field: string, side: 'before' | 'after' = 'after'): string | null {
  return event.changes.find((change) => change.field === field)?.[side] ?? null;
}

function changed(event: HistoryEventLike, field: string): boolean {
  return event.changes.some((change) => change.field === field);
}

function record(ref: { table: string; id: string; name?: string | null } | undefined, fallback: string): SentencePart {
  if (!ref) return { kind: 'text', text: fallback };
  return { kind: 'record', name: ref.name ?? fallback, to: recordLink(ref.table, ref.id) };
}

/** The fields an update changed, as a list people read (a column's label once). */
export function changedFieldList(event: HistoryEventLike, labelOf: (key: MessageKey) => string): string {
  const labels = event.changes.map((change) => (FIELD_KEYS[change.field] ? labelOf(FIELD_KEYS[change.field]!) : change.field.replace(/_/g, ' ')));
  return [...new Set(labels)].join(', ');
}

/**
 * The sentence of an event, in words: which message, and the names, dates and labels it takes. The author and the day
 * are added by the caller ("… oleh koordinator Siti, 3 Des 2026"). One place for the audit log and every history.
 */
export function describeEvent(event: HistoryEventLike): Sentence {
  const related = (table: string, column?: string) => event.related.find((ref) => ref.table === table && (!column || ref.column === column));
  const self = record(event.record, '—');
  const worker = record(related('worker'), '—');
  const organisation = record(related('organisation', 'organisation_id') ?? related('organisation'), '—');
  const socialCase = record(related('social_case'), '—');
  const { action } = event;
  const table = event.record.table;
  if (table === 'assignment') {
    if (action === 'INSERT') return { key: 'history.assignment.placed', parts: { worker, organisation, date: { kind: 'date', date: value(event, 'starts_on') ?? '' } } };
    if (changed(event, 'ends_on') && value(event, 'ends_on')) {
      return { key: 'history.assignment.ended', parts: { worker, organisation, date: { kind: 'date', date: value(event, 'ends_on')! } } };
    }
    return { key: 'history.assignment.changed', parts: { worker, organisation } };
  }
  if (table === 'case_involvement') {
    if (action === 'INSERT') {
      const code = value(event, 'role_code') ?? '';
      const role: SentencePart = code in CORE_ROLE_LABELS ? { kind: 'label', label: CORE_ROLE_LABELS[code as keyof typeof CORE_ROLE_LABELS] } : { kind: 'text', text: code };
      return { key: value(event, 'is_lead') === 'true' ? 'history.involvement.addedLead' : 'history.involvement.added', parts: { worker, case: socialCase, role } };
    }
    if (changed(event, 'ends_on') && value(event, 'ends_on')) {
      return { key: 'history.involvement.ended', parts: { worker, case: socialCase, date: { kind: 'date', date: value(event, 'ends_on')! } } };
    }
    return { key: 'history.involvement.changed', parts: { worker, case: socialCase } };
  }
  if (table === 'certification' && action === 'INSERT') {
    const level = value(event, 'level');
    const levelPart: SentencePart = level ? { kind: 'label', label: certificationLevelLabel(level as 'GENERALIST') } : { kind: 'text', text: '' };
    if (value(event, 'kind') === 'SCHEDULED_TEST') {
      return { key: 'history.certification.scheduled', parts: { worker, level: levelPart, date: { kind: 'date', date: value(event, 'test_date') ?? '' } } };
    }
    return { key: 'history.certification.recorded', parts: { worker, level: levelPart, number: { kind: 'text', text: value(event, 'certificate_number') ?? '' } } };
  }
  if (table === 'placement_request') {
    if (action === 'INSERT') return { key: 'history.request.asked', parts: { worker, organisation } };
    const status = value(event, 'status');
    if (status === 'ACCEPTED') return { key: 'history.request.accepted', parts: { worker, organisation } };
    if (status === 'DECLINED') return { key: 'history.request.declined', parts: { worker, organisation } };
    if (status === 'WITHDRAWN') return { key: 'history.request.withdrawn', parts: { worker, organisation } };
  }
  if (table === 'social_case') {
    if (action === 'INSERT') return { key: 'history.case.opened', parts: { case: self, organisation } };
    if (value(event, 'status') === 'CLOSED') return { key: 'history.case.closed', parts: { case: self } };
  }
  if (table === 'organisation' || table === 'worker' || table === 'social_case') {
    const prefix = table === 'organisation' ? 'organisation' : table === 'worker' ? 'worker' : 'case';
    if (action === 'INSERT') return { key: `history.${prefix}.created` as MessageKey, parts: { record: self } };
    if (changed(event, 'archived_at')) {
      return value(event, 'archived_at')
        ? { key: 'history.record.archived', parts: { record: self, reason: { kind: 'text', text: value(event, 'archive_reason') ?? '' } } }
        : { key: 'history.record.restored', parts: { record: self } };
    }
    return { key: 'history.record.changed', parts: { record: self, fields: { kind: 'fields' } } };
  }
  if (table === 'training_enrolment') {
    const session = record(related('training_session'), '—');
    if (action === 'INSERT') return { key: 'history.training.enrolled', parts: { worker, session } };
    return { key: 'history.training.result', parts: { worker, session, result: { kind: 'text', text: value(event, 'result') ?? '' } } };
  }
  if (table === 'training_session' && action === 'INSERT') return { key: 'history.training.scheduled', parts: { session: self, organisation: record(related('organisation'), '—') } };
  return { key: 'history.other', parts: { table: { kind: 'text', text: table.replace(/_/g, ' ') }, record: self } };
}

/** The author's role, as the sentence names it ("koordinator"). */
export function actorRoleKey(role: string | null | undefined): MessageKey | null {
  switch (role) {
    case 'admin':
      return 'history.role.admin';
    case 'coordinator':
      return 'history.role.coordinator';
    case 'viewer':
      return 'history.role.viewer';
    case 'partner':
      return 'history.role.partner';
    case 'system':
      return 'history.role.system';
    default:
      return null;
  }
}

/** The calendar day (in Jakarta) of an instant, as YYYY-MM-DD. */
export function dayOf(instant: string): string {
  return new Date(instant).toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
}
