import { Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';

@InputType({ description: 'All given conditions must hold.' })
export class AuditRecordFilter {
  @Field(() => String, { nullable: true, description: 'An account’s or API key’s id.' })
  @MaxLength(64)
  actorId?: string | null;

  @Field(() => String, { description: 'Only this operation: INSERT, UPDATE, DELETE or READ.', nullable: true })
  @MaxLength(100)
  operation?: string | null;

  @Field(() => String, { description: 'Only changes to this table, e.g. worker.', nullable: true })
  @MaxLength(100)
  tableName?: string | null;

  @Field(() => String, { description: 'Only changes to this row (its id).', nullable: true })
  @MaxLength(100)
  recordId?: string | null;

  @Field(() => String, { nullable: true, description: 'INSERT, UPDATE, DELETE or READ.' })
  @MaxLength(10)
  action?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Recorded at or after.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Recorded before.' })
  to?: Date | null;
}
