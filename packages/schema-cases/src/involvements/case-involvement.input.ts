import { Field, ID, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { LocalDateScalar } from '@peksos/schema-kit';

@InputType({ description: 'A worker joining a case in a professional role.' })
export class InvolveWorkerInput {
  @Field(() => ID, { description: 'The id of the case.' })
  caseId!: string;

  @Field(() => ID, { description: 'The id of the worker.' })
  workerId!: string;

  @Field({ description: 'Code of a professional role, e.g. BROKER.' })
  @MaxLength(40)
  roleCode!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Today by default.' })
  startsOn?: string | null;

  @Field({ description: 'Whether the worker leads the case (one lead at a time).', defaultValue: false })
  isLead: boolean = false;

  @Field(() => String, {
    nullable: true,
    description:
      'Admins only: why the worker may join this case beyond the workload limit (1 to 500 characters). Without it such ' +
      'an involvement is refused with WORKLOAD_LIMIT_EXCEEDED; with it the reason is kept on the involvement.',
  })
  limitOverrideReason?: string | null;
}

@InputType({ description: 'Conditions on involvements; every condition given must hold.' })
export class CaseInvolvementFilter {
  @Field(() => ID, { description: 'Only the involvements in this case.', nullable: true })
  caseId?: string;

  @Field(() => ID, { description: 'Only the involvements of this worker.', nullable: true })
  workerId?: string;

  @Field(() => String, { description: 'Only the involvements in this professional role.', nullable: true })
  roleCode?: string;

  @Field({ defaultValue: false, description: 'Only involvements active today.' })
  activeOnly: boolean = false;
}
