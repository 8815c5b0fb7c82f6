import type { BilingualLabel } from './labels.js';

/** The professional roles of a social worker named in the Cimahi report; more can be added as data. */
export const CORE_ROLE_CODES = [
  'CHANGE_ACCELERATOR',
  'BROKER',
  'EDUCATOR',
  'EXPERT',
  'SOCIAL_PLANNER',
  'FACILITATOR',
  'SOCIAL_CONTROL',
] as const;

export type CoreRoleCode = (typeof CORE_ROLE_CODES)[number];

export const CORE_ROLE_LABELS: Record<CoreRoleCode, BilingualLabel> = {
  CHANGE_ACCELERATOR: { id: 'Pemercepat perubahan', en: 'Change accelerator (enabler)' },
  BROKER: { id: 'Perantara', en: 'Broker' },
  EDUCATOR: { id: 'Pendidik', en: 'Educator' },
  EXPERT: { id: 'Tenaga ahli', en: 'Expert' },
  SOCIAL_PLANNER: { id: 'Perencana sosial', en: 'Social planner' },
  FACILITATOR: { id: 'Fasilitator', en: 'Facilitator' },
  SOCIAL_CONTROL: { id: 'Kontrol sosial', en: 'Social control' },
};

/** Role codes are upper-case identifiers, so they can be used in URLs and files. */
export const ROLE_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;
