import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';
import '../enums.js';

@ObjectType({ description: 'A social organisation, office or unit where social workers are placed.' })
@Entity('organisation')
export class Organisation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { nullable: true, description: 'A stable code of the office, used to match imports.' })
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field(() => OrganisationKind)
  @Column({ type: 'text' })
  kind!: OrganisationKind;

  @Field()
  @Column({ type: 'text' })
  areaCode!: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Field({ description: 'Whether the organisation should have a social worker (counted in coverage gaps).' })
  @Column({ type: 'boolean', default: true })
  shouldHaveWorker!: boolean;

  @Field(() => AccreditationGrade, { nullable: true })
  @Column({ type: 'text', nullable: true })
  accreditationGrade!: AccreditationGrade | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the accreditation is valid.' })
  @Column({ type: 'date', nullable: true })
  accreditationExpiresOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  archiveReason!: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back as expectedVersion to avoid overwriting.' })
  @VersionColumn()
  version!: number;
}
