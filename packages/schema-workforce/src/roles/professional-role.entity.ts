import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A professional role a social worker takes in a case (pemercepat perubahan, perantara, ...).' })
@Entity('professional_role')
export class ProfessionalRole {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Field({ description: 'Label in Bahasa Indonesia.' })
  @Column({ type: 'text' })
  labelId!: string;

  @Field({ description: 'Label in English.' })
  @Column({ type: 'text' })
  labelEn!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  descriptionId!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  descriptionEn!: string | null;

  @Field(() => Int)
  @Column({ type: 'integer', default: 100 })
  sortOrder!: number;
}
