import { Field, InputType } from 'type-graphql';
import { OrganisationKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';

@InputType({ description: 'Which organisations to check for a missing worker.' })
export class CoverageGapFilter {
  @Field(() => String, { nullable: true, description: 'The area and every area under it (Kemendagri code).' })
  areaCode?: string;

  @Field(() => [OrganisationKind], { description: 'Only organisations of these kinds.', nullable: true })
  kinds?: OrganisationKind[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'The date to check; today by default.' })
  asOf?: string;

  @Field({ defaultValue: false, description: 'Count only workers certified on asOf as covering an organisation.' })
  certifiedOnly: boolean = false;
}
