import { Field, InputType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { CertificationStatus } from '@peksos/types';
import { SortDirection } from '@peksos/schema-kit';

export enum WorkerSortField {
  FULL_NAME = 'FULL_NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(WorkerSortField, {
  name: 'WorkerSortField',
  description: 'What workers can be sorted by.',
  valuesConfig: {
    FULL_NAME: { description: 'The full name, ignoring case.' },
    CREATED_AT: { description: 'When the worker was recorded.' },
  },
});

export const WORKER_SORT_COLUMNS: Record<WorkerSortField, string> = {
  [WorkerSortField.FULL_NAME]: 'lower(w.full_name)',
  [WorkerSortField.CREATED_AT]: 'w.created_at',
};

@InputType({ description: 'An order of workers: a field and a direction.' })
export class WorkerOrder {
  @Field(() => WorkerSortField, { description: 'The field to sort by.', defaultValue: WorkerSortField.FULL_NAME })
  field: WorkerSortField = WorkerSortField.FULL_NAME;

  @Field(() => SortDirection, { description: 'Ascending or descending.', defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@InputType({ description: 'Conditions on workers; every condition given must hold.' })
export class WorkerFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Part of the name, of the name or code of the organisation where the worker works today, or of the name of its kecamatan or kelurahan; for callers who may read home areas, also of the kecamatan or kelurahan where the worker lives.',
  })
  @MaxLength(100)
  search?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Workers placed in this area (or under it) today, and unplaced workers who live there (for callers who may read home areas).',
  })
  areaCode?: string;

  @Field(() => CertificationStatus, { nullable: true, description: 'Status today.' })
  certificationStatus?: CertificationStatus;

  @Field(() => Boolean, { nullable: true, description: 'true: with an active assignment today; false: unplaced.' })
  placed?: boolean;

  @Field({ description: 'Include archived workers.', defaultValue: false })
  includeArchived: boolean = false;
}
