import { Field, ID, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { LocalDateScalar } from '@peksos/schema-kit';

@InputType()
export class InvolveWorkerInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => ID)
  workerId!: string;

  @Field({ description: 'Code of a professional role, e.g. BROKER.' })
  @MaxLength(40)
  roleCode!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Today by default.' })
  startsOn?: string | null;

  @Field({ defaultValue: false })
  isLead: boolean = false;
}

@InputType()
export class CaseInvolvementFilter {
  @Field(() => ID, { nullable: true })
  caseId?: string;

  @Field(() => ID, { nullable: true })
  workerId?: string;

  @Field(() => String, { nullable: true })
  roleCode?: string;

  @Field({ defaultValue: false, description: 'Only involvements active today.' })
  activeOnly: boolean = false;
}
