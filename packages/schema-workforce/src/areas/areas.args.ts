import { Field, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { AreaLevel } from '@peksos/types';

@InputType({ description: 'Conditions on areas; every condition given must hold.' })
export class AreaFilter {
  @Field(() => AreaLevel, { description: 'Only areas of this level.', nullable: true })
  level?: AreaLevel;

  @Field(() => String, { nullable: true, description: 'Only the areas directly under this one.' })
  parentCode?: string;

  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  @MaxLength(100)
  search?: string;
}
