import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A professional role a social worker takes in a case (pemercepat perubahan, perantara, ...).' })
@Entity('professional_role')
export class ProfessionalRole {
  @Field(() => ID, { description: 'The role’s code, e.g. BROKER.' })
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Field({ description: 'Label in Bahasa Indonesia.' })
  @Column({ type: 'text' })
  labelId!: string;

  @Field({ description: 'Label in English.' })
  @Column({ type: 'text' })
  labelEn!: string;

  @Field(() => String, { description: 'What the role does, in Bahasa Indonesia.', nullable: true })
  @Column({ type: 'text', nullable: true })
  descriptionId!: string | null;

  @Field(() => String, { description: 'What the role does, in English.', nullable: true })
  @Column({ type: 'text', nullable: true })
  descriptionEn!: string | null;

  @Field(() => Int, { description: 'Where the role comes in lists (ascending).' })
  @Column({ type: 'integer', default: 100 })
  sortOrder!: number;
}
