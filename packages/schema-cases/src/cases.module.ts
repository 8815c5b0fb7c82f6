import { Access, ErrorCode, type SchemaModule } from '@peksos/schema-kit';
import { SocialCase } from './cases/case.entity.js';
import { casesExport } from './cases/case.export.js';
import { caseNode, CaseResolver, OrganisationCasesResolver, WorkerCasesResolver } from './cases/case.resolver.js';
import { CaseInvolvement } from './involvements/case-involvement.entity.js';
import {
  caseInvolvementNode,
  CaseInvolvementResolver,
  CaseInvolvementsResolver,
  WorkerInvolvementsResolver,
} from './involvements/case-involvement.resolver.js';
import { PmksCategory } from './pmks-categories/pmks-category.entity.js';
import { PmksCategoryResolver } from './pmks-categories/pmks-category.resolver.js';
import { HandoverResolver } from './handover/handover.resolver.js';
import { CasesSchema1764400100000 } from './migrations/1764400100000-cases-schema.js';
import { CaseLookupIndexes1764400150000 } from './migrations/1764400150000-case-lookup-indexes.js';
import { loadCimahiCases } from './data-sets/cimahi-cases.js';
import { AuditCaseChanges1764400190000 } from './migrations/1764400190000-audit-case-changes.js';
import { CasesRowSecurity1764400195000 } from './migrations/1764400195000-cases-row-security.js';
import { InvolvementLimitOverride1764400196000 } from './migrations/1764400196000-involvement-limit-override.js';
import { WorkloadCasesResolver } from './workload/workload-cases.resolver.js';

/** Cases, their PMKS category, and the workers involved in them in which role. */
export const casesModule: SchemaModule = {
  name: 'cases',
  dependsOn: ['workforce'],
  entities: [PmksCategory, SocialCase, CaseInvolvement],
  resolvers: [
    PmksCategoryResolver,
    CaseResolver,
    OrganisationCasesResolver,
    WorkerCasesResolver,
    CaseInvolvementResolver,
    CaseInvolvementsResolver,
    WorkerInvolvementsResolver,
    WorkloadCasesResolver,
    HandoverResolver,
  ],
  migrations: [
    CasesSchema1764400100000,
    CaseLookupIndexes1764400150000,
    AuditCaseChanges1764400190000,
    CasesRowSecurity1764400195000,
    InvolvementLimitOverride1764400196000,
  ],
  constraintMeanings: {
    social_case_reference_unique: { code: ErrorCode.CONFLICT, field: 'reference', message: 'A case with this reference already exists' },
    case_involvement_no_overlap: { code: ErrorCode.CONFLICT, field: 'roleCode', message: 'The worker already holds this role in the case' },
    case_involvement_one_lead_at_a_time: { code: ErrorCode.CONFLICT, field: 'isLead', message: 'The case already has a lead worker' },
  },
  nodeTypes: [caseNode, caseInvolvementNode],
  dataSets: { cimahi: loadCimahiCases },
  exports: [casesExport],
  auditedRecords: [
    { table: 'social_case', nameColumn: 'reference', references: { organisation_id: 'organisation' }, personalColumns: ['summary', 'closing_note'] },
    { table: 'case_involvement', references: { case_id: 'social_case', worker_id: 'worker' } },
  ],
  access: {
    operations: {
      // A partner's key reads only the cases of its own organisations (CaseService.read and list).
      'Query.case': Access.signedIn,
      'Query.cases': Access.signedIn,
      'Query.pmksCategories': Access.signedIn,
      'Query.caseInvolvement': Access.staff,
      'Query.caseInvolvements': Access.staff,
      // Coordinators only for organisations within their area (checked by the services).
      'Mutation.openCase': Access.managers,
      'Mutation.updateCase': Access.managers,
      'Mutation.closeCase': Access.managers,
      'Mutation.involveWorker': Access.managers,
      'Mutation.endInvolvement': Access.managers,
      // Whoever manages the worker; each step under the owning module's rules (HandoverService).
      'Query.handoverPreview': Access.managers,
      'Mutation.handOverWorker': Access.managers,
    },
    types: {
      Case: Access.signedIn,
      CaseInvolvement: Access.signedIn,
      PmksCategory: Access.signedIn,
      HandoverPreview: Access.managers,
      HandoverPlacement: Access.managers,
      HandoverInvolvement: Access.managers,
      ReplacementCandidate: Access.managers,
      HandoverResult: Access.managers,
    },
    fields: {
      // A partner reaches organisations only through its own, so their cases are its own.
      'Organisation.cases': Access.signedIn,
      // A worker's cases span organisations: not for partners.
      'Worker.cases': Access.staff,
      'Worker.caseInvolvements': Access.staff,
    },
  },
};
