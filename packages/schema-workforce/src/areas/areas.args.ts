import { Field, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { AreaLevel } from '@peksos/types';

@InputType()
export class AreaFilter {
  @Field(() => AreaLevel, { nullable: true })
  level?: AreaLevel;

  @Field(() => String, { nullable: true, description: 'Only the areas directly under this one.' })
  parentCode?: string;

  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  @MaxLength(100)
  search?: string;
}
