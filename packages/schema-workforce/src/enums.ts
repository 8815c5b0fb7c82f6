import { registerEnumType } from 'type-graphql';
import {
  AccreditationGrade,
  AreaLevel,
  CertificationLevel,
  CertificationRecordKind,
  CertificationStatus,
  EmploymentStatus,
  Gender,
  OrganisationKind,
} from '@peksos/types';

// The enums live in @peksos/types so the console uses the very same values; here they become GraphQL enums.
registerEnumType(AreaLevel, {
  name: 'AreaLevel',
  description: 'Level of the Kemendagri administrative tree.',
  valuesConfig: {
    PROVINCE: { description: 'A province (provinsi), e.g. 32 Jawa Barat.' },
    REGENCY_OR_CITY: { description: 'A regency or city (kabupaten/kota), e.g. 32.77 Kota Cimahi.' },
    DISTRICT: { description: 'A district (kecamatan), e.g. 32.77.03 Cimahi Utara.' },
    VILLAGE: { description: 'An urban or rural village (kelurahan/desa), e.g. 32.77.03.1001.' },
  },
});
registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What kind of organisation a social worker can be placed at.',
  valuesConfig: {
    SOCIAL_AFFAIRS_OFFICE: { description: 'The social-affairs office of a city or regency (Dinas Sosial; in Cimahi DinsosP2KBPA).' },
    VILLAGE_OFFICE: { description: 'An urban or rural village office (kantor kelurahan/desa).' },
    PKH_UNIT: { description: 'A unit of the Family Hope Programme (Unit Pelaksana Program Keluarga Harapan).' },
    LK3: { description: 'A family welfare consultation centre (Lembaga Konsultasi Kesejahteraan Keluarga).' },
    SAKTI_PEKSOS_UNIT: { description: 'A Sakti Peksos unit: social workers for child protection (Satuan Bakti Pekerja Sosial).' },
    SOCIAL_WELFARE_INSTITUTION: { description: 'A social welfare institution or social organisation (Lembaga Kesejahteraan Sosial).' },
    OTHER: { description: 'Any other organisation.' },
  },
});
registerEnumType(AccreditationGrade, {
  name: 'AccreditationGrade',
  description: 'The accreditation grade of a social welfare institution: A for 5 years, B for 3, C for 2.',
  valuesConfig: {
    A: { description: 'Grade A (very good), valid 5 years.' },
    B: { description: 'Grade B (good), valid 3 years.' },
    C: { description: 'Grade C (adequate), valid 2 years.' },
  },
});
registerEnumType(Gender, {
  name: 'Gender',
  description: 'A worker’s gender, as on their identity card.',
  valuesConfig: {
    FEMALE: { description: 'Female (perempuan).' },
    MALE: { description: 'Male (laki-laki).' },
  },
});
registerEnumType(EmploymentStatus, {
  name: 'EmploymentStatus',
  description: 'How a worker is employed.',
  valuesConfig: {
    CIVIL_SERVANT: { description: 'A civil servant (Pegawai Negeri Sipil).' },
    GOVERNMENT_CONTRACT: { description: 'A government employee on a work agreement (PPPK).' },
    PROGRAMME_CONTRACT: { description: 'Contracted by a national programme (PKH facilitators, Sakti Peksos).' },
    VOLUNTEER: { description: 'A volunteer.' },
  },
});
registerEnumType(CertificationLevel, {
  name: 'CertificationLevel',
  description: 'The level of a social worker’s competency certificate.',
  valuesConfig: {
    ASSISTANT: { description: 'Assistant social worker.' },
    GENERALIST: { description: 'Generalist social worker.' },
    SPECIALIST: { description: 'Specialist social worker.' },
  },
});
registerEnumType(CertificationRecordKind, {
  name: 'CertificationRecordKind',
  description: 'What a certification record is.',
  valuesConfig: {
    SCHEDULED_TEST: { description: 'A competency test the worker is to take.' },
    CERTIFICATE: { description: 'A certificate the worker holds.' },
  },
});
registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description:
    'Derived on a date: CERTIFIED while a certificate is valid; EXPIRED when all have expired; SCHEDULED when a ' +
    'competency test is on record and no certificate yet; NOT_TESTED otherwise.',
  valuesConfig: {
    NOT_TESTED: { description: 'No certificate and no competency test on record.' },
    SCHEDULED: { description: 'A competency test is on record, no certificate yet.' },
    CERTIFIED: { description: 'A certificate is valid on the date.' },
    EXPIRED: { description: 'Certificates are on record, none valid on the date.' },
  },
});
