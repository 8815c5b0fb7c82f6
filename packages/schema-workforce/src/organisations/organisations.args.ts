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
registerEnumType(OrganisationSortField, { name: 'OrganisationSortField' });

export const ORGANISATION_SORT_COLUMNS: Record<OrganisationSortField, string> = {
  [OrganisationSortField.NAME]: 'lower(o.name)',
  [OrganisationSortField.KIND]: 'o.kind',
  [OrganisationSortField.AREA_CODE]: 'o.area_code',
  [OrganisationSortField.CREATED_AT]: 'o.created_at',
};

@InputType()
export class OrganisationOrder {
  @Field(() => OrganisationSortField, { defaultValue: OrganisationSortField.NAME })
  field: OrganisationSortField = OrganisationSortField.NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@InputType()
export class OrganisationFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or code.' })
  @MaxLength(100)
  search?: string;

  @Field(() => String, { nullable: true, description: 'The area and every area under it.' })
  areaCode?: string;

  @Field(() => [OrganisationKind], { nullable: true })
  kinds?: OrganisationKind[];

  @Field(() => Boolean, { nullable: true })
  shouldHaveWorker?: boolean;

  @Field({ defaultValue: false, description: 'Include archived organisations.' })
  includeArchived: boolean = false;
}
