import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schemaModules } from '../graphql/modules.js';
import { buildApiSchema } from '../graphql/schema.js';

/** Writes apps/api/schema.graphql: the contract the console's generated types are built from. */
const target = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');
const schema = await buildApiSchema(schemaModules);
await writeFile(target, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`schema written to ${target}`);
