import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Matches, MaxLength, Min } from 'class-validator';
import { CaseStatus } from '@peksos/types';
import { LocalDateScalar, SortDirection } from '@peksos/schema-kit';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$/;

@InputType({ description: 'A new case: its reference, category, organisation, opening day and summary.' })
export class OpenCaseInput {
  @Field({ description: 'The office’s own reference: letters, digits, / . _ -; at most 64.' })
  @Matches(REFERENCE, { message: 'reference may hold letters, digits, / . _ and -, at most 64' })
  reference!: string;

  @Field({ description: 'The code of the PMKS category (see pmksCategories).' })
  @MaxLength(60)
  pmksCategoryCode!: string;

  @Field(() => ID, { description: 'The id of the organisation handling the case.' })
  organisationId!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Today by default.' })
  openedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'A short description, without personal data of the client.' })
  @MaxLength(2000)
  summary?: string | null;
}

@InputType({ description: 'Changes to a case; fields left out stay as they are.' })
export class UpdateCaseInput {
  @Field(() => String, { description: 'A new PMKS category code.', nullable: true })
  @MaxLength(60)
  pmksCategoryCode?: string;

  @Field(() => ID, { description: 'The id of the organisation taking the case over.', nullable: true })
  organisationId?: string;

  @Field(() => String, { description: 'A new summary; null clears it.', nullable: true })
  @MaxLength(2000)
  summary?: string | null;

  @Field(() => Int, { description: 'The version you read; when the record has changed since, the update is refused with CONFLICT. Leave out to overwrite.', nullable: true })
  @Min(1)
  expectedVersion?: number;
}

export enum CaseSortField {
  OPENED_ON = 'OPENED_ON',
  REFERENCE = 'REFERENCE',
}
registerEnumType(CaseSortField, {
  name: 'CaseSortField',
  description: 'What cases can be sorted by.',
  valuesConfig: {
    OPENED_ON: { description: 'The day the case was opened.' },
    REFERENCE: { description: 'The case’s reference.' },
  },
});

@InputType({ description: 'An order of cases: a field and a direction.' })
export class CaseOrder {
  @Field(() => CaseSortField, { description: 'The field to sort by.', defaultValue: CaseSortField.OPENED_ON })
  field: CaseSortField = CaseSortField.OPENED_ON;

  @Field(() => SortDirection, { description: 'Ascending or descending.', defaultValue: SortDirection.DESC })
  direction: SortDirection = SortDirection.DESC;
}

@InputType({ description: 'Conditions on cases; every condition given must hold.' })
export class CaseFilter {
  @Field(() => String, { nullable: true, description: 'Part of the reference, the summary, or the handling organisation’s name, code, kecamatan or kelurahan.' })
  @MaxLength(100)
  search?: string;

  @Field(() => ID, { description: 'Only the cases of this organisation.', nullable: true })
  organisationId?: string;

  @Field(() => ID, { nullable: true, description: 'Cases the worker is or was involved in.' })
  workerId?: string;

  @Field(() => String, { nullable: true, description: 'Cases of organisations in this area or under it.' })
  areaCode?: string;

  @Field(() => CaseStatus, { description: 'Only open or only closed cases.', nullable: true })
  status?: CaseStatus;

  @Field(() => String, { description: 'Only the cases of this PMKS category.', nullable: true })
  pmksCategoryCode?: string;
}
