import type { DataSource } from 'typeorm';
import type { Actor } from './access.js';
import type { LoaderRegistry } from './loaders.js';

/** What every resolver receives for one GraphQL request. */
export interface RequestContext {
  dataSource: DataSource;
  loaders: LoaderRegistry;
  /** Today's date in the registry's time zone, fixed for the whole request. */
  today: string;
  /** Who is asking: roles and scopes are checked against them (see access.ts). */
  actor: Actor;
}
