import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AreaLevel } from '@peksos/types';
import '../enums.js';

/**
 * An administrative area with its Kemendagri code. Entities and GraphQL types are one class in this codebase: a
 * column is exposed only when it carries `@Field`, and sensitive columns (see Worker) deliberately do not.
 */
@ObjectType({ description: 'An administrative area (province, city, kecamatan, kelurahan) with its Kemendagri code.' })
@Entity('area')
export class Area {
  @Field(() => ID, { description: 'Kemendagri code, e.g. 32.77 (Kota Cimahi) or 32.77.01.1001 (Kelurahan Melong).' })
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Field({ description: 'The area’s name, e.g. Cimahi Utara.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => AreaLevel, { description: 'Province, regency or city, district (kecamatan) or village (kelurahan/desa).' })
  @Column({ type: 'text' })
  level!: AreaLevel;

  @Field(() => String, { description: 'The code of the area containing this one; null for a province.', nullable: true })
  @Column({ type: 'text', nullable: true })
  parentCode!: string | null;

  @Field(() => Int, { nullable: true, description: 'Inhabitants, from the source and year given beside it.' })
  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Field(() => Int, { description: 'The year of the population figure; null when unknown.', nullable: true })
  @Column({ type: 'integer', nullable: true })
  populationYear!: number | null;

  @Field(() => String, { description: 'Where the population figure comes from; null when unknown.', nullable: true })
  @Column({ type: 'text', nullable: true })
  populationSource!: string | null;
}
