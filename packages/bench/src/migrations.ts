import { workforceModule } from '@peksos/schema-workforce';
import { casesModule } from '@peksos/schema-cases';

/**
 * The migrations of the core schema modules (workforce, then cases): the tables the generator fills. The API applies
 * those of any further module it is configured with when it starts.
 */
export const coreMigrations = [...workforceModule.migrations, ...casesModule.migrations];
