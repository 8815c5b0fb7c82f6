import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

/** A partner organisation's key to the API, scoped to its organisations. */
@ObjectType({ description: 'A partner organisation’s API key. The secret is shown once, when it is created.' })
@Entity('api_key')
export class ApiKey {
  @Field(() => ID, { description: 'The API key’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Who the key is for, e.g. "PKH Cimahi Utara".' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'The start of the key (pks_…), to recognise it; not a secret.' })
  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text' })
  secretHash!: string;

  @Field(() => ID, { description: 'The id of the account that created the key; null when created by a command.', nullable: true })
  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the key was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the key was revoked (UTC); null while it works.', nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
