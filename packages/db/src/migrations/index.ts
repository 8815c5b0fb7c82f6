import { InitialSchema1764400000000 } from './1764400000000-initial-schema.js';

/** The core migrations, oldest first. Schema modules may bring more; TypeORM orders all of them by timestamp. */
export const coreMigrations = [InitialSchema1764400000000];
