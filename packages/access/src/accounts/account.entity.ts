import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { AccessRole } from '../roles.js';

/** A person of the office who signs in to the console. */
@ObjectType({ description: 'A staff account that signs in to the console.' })
@Entity('account')
export class Account {
  @Field(() => ID, { description: 'The account’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Lower-case letters, digits, . _ -; 3 to 64.' })
  @Column({ type: 'text' })
  username!: string;

  @Field({ description: 'The name shown for the account, e.g. "Koordinator Cimahi Utara".' })
  @Column({ type: 'text' })
  displayName!: string;

  @Field(() => AccessRole, { description: 'What the account may do (see AccessRole).' })
  @Column({ type: 'text' })
  role!: AccessRole;

  @Field(() => String, { nullable: true, description: 'A coordinator’s area (Kemendagri code).' })
  @Column({ type: 'text', nullable: true })
  areaCode!: string | null;

  /** scrypt hash with its parameters (passwords.ts); never a GraphQL field. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set when the account may no longer sign in.' })
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Field(() => GraphQLISODateTime, { description: 'When the account was recorded (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the account last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change; pass it back as expectedVersion so that a change made meanwhile by someone else is refused (CONFLICT) instead of overwritten.' })
  @VersionColumn()
  version!: number;
}
