import { Field, InputType, Int } from 'type-graphql';
import { Matches, MaxLength, Max, Min } from 'class-validator';
import { ROLE_CODE_PATTERN } from '@peksos/types';

const NOT_BLANK = /\S/;

@InputType({ description: 'A new professional role.' })
export class CreateProfessionalRoleInput {
  @Field({ description: 'Upper-case identifier, e.g. ADVOCATE.' })
  @Matches(ROLE_CODE_PATTERN, { message: 'code is 2 to 40 upper-case letters, digits or _, starting with a letter' })
  code!: string;

  @Field({ description: 'The role’s name in Bahasa Indonesia.' })
  @Matches(NOT_BLANK, { message: 'labelId must not be empty' })
  @MaxLength(100)
  labelId!: string;

  @Field({ description: 'The role’s name in English.' })
  @Matches(NOT_BLANK, { message: 'labelEn must not be empty' })
  @MaxLength(100)
  labelEn!: string;

  @Field(() => String, { description: 'What the role does, in Bahasa Indonesia.', nullable: true })
  @MaxLength(1000)
  descriptionId?: string | null;

  @Field(() => String, { description: 'What the role does, in English.', nullable: true })
  @MaxLength(1000)
  descriptionEn?: string | null;

  @Field(() => Int, { description: 'Where the role comes in lists (ascending).', defaultValue: 100 })
  @Min(0)
  @Max(10_000)
  sortOrder: number = 100;
}
