import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

/**
 * One recorded change (or a recorded read of a national ID number). Written only by the database's audit trigger
 * and by `recordAuditedRead`; the table refuses updates and deletes.
 */
@ObjectType({ description: 'A change to the registry (or a read of personal data), recorded in the same transaction.' })
@Entity('audit_record')
export class AuditRecord {
  @Field(() => ID, { description: 'The record’s id: a number that increases with each change.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the change happened (UTC).' })
  @Column({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field({ description: 'account, api_key, anonymous, system, or database (a change made outside the application).' })
  @Column({ type: 'text' })
  actorKind!: string;

  @Field(() => String, { description: 'The id of the account or API key that made the change; null for the system and the database.', nullable: true })
  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @Field({ description: 'The username, the key’s name, or the database user.' })
  @Column({ type: 'text' })
  actorLabel!: string;

  @Field(() => String, { nullable: true, description: 'The mutation or command, e.g. assignWorker.' })
  @Column({ type: 'text', nullable: true })
  operation!: string | null;

  @Field({ description: 'The table of the record, e.g. assignment.' })
  @Column({ type: 'text' })
  tableName!: string;

  @Field(() => String, { description: 'The id of the changed row; null for a read of several rows.', nullable: true })
  @Column({ type: 'text', nullable: true })
  recordId!: string | null;

  @Field({ description: 'INSERT, UPDATE, DELETE, or READ (personal data shown).' })
  @Column({ type: 'text' })
  action!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The row before (secrets left out, NIK masked).' })
  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The row after (secrets left out, NIK masked).' })
  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
