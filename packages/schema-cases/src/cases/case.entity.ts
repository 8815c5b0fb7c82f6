import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseStatus } from '@peksos/types';
import { LocalDateScalar, Node } from '@peksos/schema-kit';

registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: 'Whether a case is still being handled.',
  valuesConfig: {
    OPEN: { description: 'Being handled.' },
    CLOSED: { description: 'Closed (see closedOn and closingNote).' },
  },
});

/** A social-welfare case. The registry tracks who works on it, not the case file: no client data beyond the category. */
@ObjectType('Case', { implements: Node, description: 'A social-welfare case: its PMKS category, handling organisation and status.' })
@Entity('social_case')
export class SocialCase {
  @Field(() => ID, { description: 'The case’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'The case’s reference number, unique, as the office writes it.' })
  @Column({ type: 'text' })
  reference!: string;

  @Field({ description: 'The code of the case’s PMKS category (the kind of social welfare problem).' })
  @Column({ type: 'text' })
  pmksCategoryCode!: string;

  @Field(() => ID, { description: 'The id of the organisation handling the case.' })
  @Column({ type: 'uuid' })
  organisationId!: string;

  @Field(() => CaseStatus, { description: 'Open or closed.' })
  @Column({ type: 'text' })
  status!: CaseStatus;

  @Field(() => LocalDateScalar, { description: 'The day the case was opened.' })
  @Column({ type: 'date' })
  openedOn!: string;

  @Field(() => LocalDateScalar, { description: 'The day the case was closed; null while open.', nullable: true })
  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  @Field(() => String, { description: 'A short description of the case (personal data: hidden from viewers and partners).', nullable: true })
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Field(() => String, { description: 'Why or how the case was closed; null while open.', nullable: true })
  @Column({ type: 'text', nullable: true })
  closingNote!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the case was recorded (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the case last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change; pass it back as expectedVersion so that a change made meanwhile by someone else is refused (CONFLICT) instead of overwritten.' })
  @VersionColumn()
  version!: number;
}
