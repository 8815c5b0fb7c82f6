import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { configuredModuleNames, loadServerModules } from '../graphql/modules.js';
import { buildApiSchema } from '@peksos/server';

/** Writes apps/api/schema.graphql, from the modules in apps/api/modules.json: the contract the console's types are generated from. */
const target = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');
const schema = await buildApiSchema(await loadServerModules(configuredModuleNames()));
await writeFile(target, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`schema written to ${target}`);
