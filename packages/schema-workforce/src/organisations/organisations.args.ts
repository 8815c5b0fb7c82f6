import { Field, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { OrganisationKind } from '@peksos/types';
import { registerEnumType } from 'type-graphql';
import { SortDirection } from '@peksos/schema-kit';

export enum OrganisationSortField {
  NAME = 'NAME',
  KIND = 'KIND',
  AREA_CODE = 'AREA_CODE',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(OrganisationSortField, {
  name: 'OrganisationSortField',
  description: 'What organisations can be sorted by.',
  valuesConfig: {
    NAME: { description: 'The name, ignoring case.' },
    KIND: { description: 'The kind of organisation.' },
    AREA_CODE: { description: 'The code of the area served.' },
    CREATED_AT: { description: 'When the organisation was recorded.' },
  },
});

export const ORGANISATION_SORT_COLUMNS: Record<OrganisationSortField, string> = {
  [OrganisationSortField.NAME]: 'lower(o.name)',
  [OrganisationSortField.KIND]: 'o.kind',
  [OrganisationSortField.AREA_CODE]: 'o.area_code',
  [OrganisationSortField.CREATED_AT]: 'o.created_at',
};

@InputType({ description: 'An order of organisations: a field and a direction.' })
export class OrganisationOrder {
  @Field(() => OrganisationSortField, { description: 'The field to sort by.', defaultValue: OrganisationSortField.NAME })
  field: OrganisationSortField = OrganisationSortField.NAME;

  @Field(() => SortDirection, { description: 'Ascending or descending.', defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@InputType({ description: 'Conditions on organisations; every condition given must hold.' })
export class OrganisationFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, the code, or the name of its kecamatan or kelurahan (e.g. PKH, LKS-013, Cibabat).' })
  @MaxLength(100)
  search?: string;

  @Field(() => String, { nullable: true, description: 'The area and every area under it.' })
  areaCode?: string;

  @Field(() => [OrganisationKind], { description: 'Only organisations of these kinds.', nullable: true })
  kinds?: OrganisationKind[];

  @Field(() => Boolean, { description: 'Only organisations that should (true) or need not (false) have a worker.', nullable: true })
  shouldHaveWorker?: boolean;

  @Field({ defaultValue: false, description: 'Include archived organisations.' })
  includeArchived: boolean = false;
}
