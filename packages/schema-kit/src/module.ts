import type { NonEmptyArray } from 'type-graphql';
import type { ConstraintMeanings } from './errors.js';

/**
 * A schema module: one domain's part of the API. `apps/api` composes the modules listed in its configuration; a
 * module never reaches into another's internals, only into what that module's package exports.
 */
export interface SchemaModule {
  /** A short, unique name, such as `workforce`. */
  name: string;
  /** TypeORM entity classes of the module's tables. */
  entities: Function[];
  /** type-graphql resolver classes: the module's queries, mutations and field resolvers. */
  resolvers: NonEmptyArray<Function>;
  /** What each of the module's named database constraints means to a client. */
  constraintMeanings: ConstraintMeanings;
}
