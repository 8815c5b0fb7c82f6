import { ErrorCode, type ConstraintMeanings } from '@peksos/schema-kit';

/** What each named constraint of the workforce tables means to a client (see the initial migration). */
export const workforceConstraintMeanings: ConstraintMeanings = {
  organisation_code_unique: { code: ErrorCode.CONFLICT, field: 'code', message: 'Another organisation already has this code' },
  worker_national_id_number_unique: {
    code: ErrorCode.CONFLICT,
    field: 'nationalIdNumber',
    message: 'Another worker is registered with this national ID number',
  },
  certification_certificate_number_unique: {
    code: ErrorCode.CONFLICT,
    field: 'certificateNumber',
    message: 'This certificate number is already recorded',
  },
  professional_role_pkey: { code: ErrorCode.CONFLICT, field: 'code', message: 'This role code already exists' },
  assignment_no_overlap: {
    code: ErrorCode.CONFLICT,
    field: 'organisationId',
    message: 'The worker is already assigned to this organisation for that period',
  },
  assignment_one_primary_at_a_time: {
    code: ErrorCode.CONFLICT,
    field: 'isPrimary',
    message: 'The worker already has a primary placement for that period',
  },
  placement_request_one_pending: {
    code: ErrorCode.CONFLICT,
    field: 'workerId',
    message: 'A request to place this worker at this organisation is already waiting for an answer',
  },
  assignment_ends_after_start: { code: ErrorCode.BAD_USER_INPUT, field: 'endsOn', message: 'The end must come after the start' },
  organisation_accreditation_complete: {
    code: ErrorCode.BAD_USER_INPUT,
    field: 'accreditationExpiresOn',
    message: 'An accreditation needs both a grade and an expiry date',
  },
};
