import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A PMKS/PPKS category (Permensos 8/2012) that classifies a case's client." })
@Entity('pmks_category')
export class PmksCategory {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Field()
  @Column({ type: 'text' })
  labelId!: string;

  @Field()
  @Column({ type: 'text' })
  labelEn!: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  sortOrder!: number;
}
