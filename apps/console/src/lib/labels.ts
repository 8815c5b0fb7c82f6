import {
  CASE_STATUS_LABELS,
  CERTIFICATION_LEVEL_LABELS,
  CERTIFICATION_STATUS_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  GENDER_LABELS,
  ORGANISATION_KIND_LABELS,
  type BilingualLabel,
  type CaseStatus,
  type CertificationLevel,
  type CertificationStatus,
  type EmploymentStatus,
  type Gender,
  type OrganisationKind,
} from '@peksos/types';

/**
 * Bilingual labels for the enum values the API returns. The generated operation types spell enums as string
 * unions with the same values as the enums of @peksos/types; these lookups bridge the two.
 */
export const kindLabel = (kind: `${OrganisationKind}`): BilingualLabel => ORGANISATION_KIND_LABELS[kind as OrganisationKind];
export const certificationStatusLabel = (status: `${CertificationStatus}`): BilingualLabel =>
  CERTIFICATION_STATUS_LABELS[status as CertificationStatus];
export const certificationLevelLabel = (level: `${CertificationLevel}`): BilingualLabel =>
  CERTIFICATION_LEVEL_LABELS[level as CertificationLevel];
export const genderLabel = (gender: `${Gender}`): BilingualLabel => GENDER_LABELS[gender as Gender];
export const employmentStatusLabel = (status: `${EmploymentStatus}`): BilingualLabel =>
  EMPLOYMENT_STATUS_LABELS[status as EmploymentStatus];
export const caseStatusLabel = (status: `${CaseStatus}`): BilingualLabel => CASE_STATUS_LABELS[status as CaseStatus];

export const ORGANISATION_KINDS = Object.keys(ORGANISATION_KIND_LABELS) as `${OrganisationKind}`[];
export const CERTIFICATION_STATUSES = Object.keys(CERTIFICATION_STATUS_LABELS) as `${CertificationStatus}`[];
export const EMPLOYMENT_STATUSES = Object.keys(EMPLOYMENT_STATUS_LABELS) as `${EmploymentStatus}`[];
export const GENDERS = Object.keys(GENDER_LABELS) as `${Gender}`[];
export const CERTIFICATION_LEVELS = Object.keys(CERTIFICATION_LEVEL_LABELS) as `${CertificationLevel}`[];
export const CASE_STATUSES = Object.keys(CASE_STATUS_LABELS) as `${CaseStatus}`[];
