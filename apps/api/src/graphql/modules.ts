import type { SchemaModule } from '@peksos/schema-kit';
import { casesModule } from '@peksos/schema-cases';
import { workforceModule } from '@peksos/schema-workforce';

/** The schema modules this server composes: the one place that knows them all. */
export const schemaModules: SchemaModule[] = [workforceModule, casesModule];
