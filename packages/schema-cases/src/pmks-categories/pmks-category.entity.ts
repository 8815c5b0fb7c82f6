import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A PMKS/PPKS category (Permensos 8/2012) that classifies a case's client." })
@Entity('pmks_category')
export class PmksCategory {
  @Field(() => ID, { description: 'The category’s code, e.g. ANAK_TERLANTAR.' })
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Field({ description: 'The category’s name in Bahasa Indonesia.' })
  @Column({ type: 'text' })
  labelId!: string;

  @Field({ description: 'The category’s name in English.' })
  @Column({ type: 'text' })
  labelEn!: string;

  @Field(() => Int, { description: 'Where the category comes in lists (ascending).' })
  @Column({ type: 'integer' })
  sortOrder!: number;
}
