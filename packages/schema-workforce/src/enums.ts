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
registerEnumType(AreaLevel, { name: 'AreaLevel', description: 'Level of the Kemendagri administrative tree.' });
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
registerEnumType(AccreditationGrade, { name: 'AccreditationGrade', description: 'A: 5 years, B: 3 years, C: 2 years.' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus' });
registerEnumType(CertificationLevel, { name: 'CertificationLevel' });
registerEnumType(CertificationRecordKind, { name: 'CertificationRecordKind' });
registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description:
    'Derived on a date: CERTIFIED while a certificate is valid; EXPIRED when all have expired; SCHEDULED when a ' +
    'competency test is on record and no certificate yet; NOT_TESTED otherwise.',
});
