import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Matches, MaxLength, Min } from 'class-validator';
import { CaseStatus } from '@peksos/types';
import { LocalDateScalar, SortDirection } from '@peksos/schema-kit';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$/;

@InputType()
export class OpenCaseInput {
  @Field({ description: 'The office’s own reference: letters, digits, / . _ -; at most 64.' })
  @Matches(REFERENCE, { message: 'reference may hold letters, digits, / . _ and -, at most 64' })
  reference!: string;

  @Field()
  @MaxLength(60)
  pmksCategoryCode!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Today by default.' })
  openedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'A short description, without personal data of the client.' })
  @MaxLength(2000)
  summary?: string | null;
}

@InputType()
export class UpdateCaseInput {
  @Field(() => String, { nullable: true })
  @MaxLength(60)
  pmksCategoryCode?: string;

  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  summary?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  expectedVersion?: number;
}

export enum CaseSortField {
  OPENED_ON = 'OPENED_ON',
  REFERENCE = 'REFERENCE',
}
registerEnumType(CaseSortField, { name: 'CaseSortField' });

@InputType()
export class CaseOrder {
  @Field(() => CaseSortField, { defaultValue: CaseSortField.OPENED_ON })
  field: CaseSortField = CaseSortField.OPENED_ON;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection = SortDirection.DESC;
}

@InputType()
export class CaseFilter {
  @Field(() => String, { nullable: true, description: 'Part of the reference or summary.' })
  @MaxLength(100)
  search?: string;

  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => ID, { nullable: true, description: 'Cases the worker is or was involved in.' })
  workerId?: string;

  @Field(() => String, { nullable: true, description: 'Cases of organisations in this area or under it.' })
  areaCode?: string;

  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus;

  @Field(() => String, { nullable: true })
  pmksCategoryCode?: string;
}
