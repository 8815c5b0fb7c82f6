import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { PageArgs, pageWindow } from './pagination.js';

/** type-graphql's own defaults for class-validator (resolvers/validate-arg.js): absent optional fields are not checked. */
const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * How the schema checks arguments before a resolver runs (buildSchema's `validateFn`): inputs and argument classes
 * with class-validator's decorators, as type-graphql's default does; a page's arguments (`PageArgs`) by `pageWindow`
 * alone, which owns their bounds (1 to 100, not first and last together) and names the argument at fault. class-validator
 * on PageArgs cost ~18 ms per request of the nested bench question, whose 277 `cases` connections each checked theirs
 * (docs/benchmark.md).
 */
export const validateArguments: ValidatorFn = (value) => {
  if (value instanceof PageArgs) {
    pageWindow(value);
    // An argument class extending PageArgs still has its own fields checked by their decorators.
    if (value.constructor === PageArgs) return;
  }
  if (!isObject(value)) return;
  return withClassValidator(value);
};

async function withClassValidator(value: object): Promise<void> {
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(isObject).map((item) => validateOrReject(item, VALIDATOR_OPTIONS)));
    else await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (error) {
    throw new ArgumentValidationError(error as ValidationError[]);
  }
}
