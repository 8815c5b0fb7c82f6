import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { LocalDateScalar, Node } from '@peksos/schema-kit';
import '../enums.js';

@ObjectType({ implements: Node, description: 'A social organisation, office or unit where social workers are placed.' })
@Entity('organisation')
export class Organisation {
  @Field(() => ID, { description: 'The organisation’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { nullable: true, description: 'A stable code of the office, used to match imports.' })
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Field({ description: 'The organisation’s name.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => OrganisationKind, { description: 'What kind of organisation it is (social affairs office, village office, PKH unit, …).' })
  @Column({ type: 'text' })
  kind!: OrganisationKind;

  @Field({ description: 'The Kemendagri code of the area the organisation serves.' })
  @Column({ type: 'text' })
  areaCode!: string;

  @Field(() => ID, { description: 'The id of the organisation this one belongs to; null when none.', nullable: true })
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Field({ description: 'Whether the organisation should have a social worker (counted in coverage gaps).' })
  @Column({ type: 'boolean', default: true })
  shouldHaveWorker!: boolean;

  @Field(() => AccreditationGrade, { description: 'The accreditation grade of a social welfare institution; null when not accredited.', nullable: true })
  @Column({ type: 'text', nullable: true })
  accreditationGrade!: AccreditationGrade | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the accreditation is valid.' })
  @Column({ type: 'date', nullable: true })
  accreditationExpiresOn!: string | null;

  @Field(() => String, { description: 'The street address; null when unknown.', nullable: true })
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the organisation was archived (UTC); null while active. Archived records stay as history.', nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Field(() => String, { description: 'Why the organisation was archived; null while active.', nullable: true })
  @Column({ type: 'text', nullable: true })
  archiveReason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the organisation was recorded (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the organisation last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back as expectedVersion to avoid overwriting.' })
  @VersionColumn()
  version!: number;
}
