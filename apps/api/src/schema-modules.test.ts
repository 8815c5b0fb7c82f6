import { isEnumType, isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkModules, type SchemaModule } from '@peksos/schema-kit';
import { loadSchemaModules } from './graphql/modules.js';
import { buildApiSchema } from '@peksos/server';

const CORE = ['@peksos/schema-workforce', '@peksos/schema-cases'];
const WITH_TRAINING = [...CORE, '@peksos/ext-training'];

/** Every type, field and enum value of a schema, as "Type" and "Type.member" strings. */
function surface(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    names.add(type.name);
    if (isObjectType(type) || isInputObjectType(type)) for (const field of Object.keys(type.getFields())) names.add(`${type.name}.${field}`);
    if (isEnumType(type)) for (const value of type.getValues()) names.add(`${type.name}.${value.name}`);
  }
  return names;
}

describe('schema modules', () => {
  it('the training extension adds exactly its own types and fields, and removes nothing', async () => {
    const core = surface(await buildApiSchema(await loadSchemaModules(CORE)));
    const extended = surface(await buildApiSchema(await loadSchemaModules(WITH_TRAINING)));
    expect([...core].filter((name) => !extended.has(name))).toEqual([]);
    const added = [...extended].filter((name) => !core.has(name));
    const addedTypes = added.filter((name) => !name.includes('.')).sort();
    expect(addedTypes).toEqual([
      'RecordTrainingResultInput',
      'ScheduleTrainingSessionInput',
      'TrainingEnrolment',
      'TrainingResult',
      'TrainingSession',
      'TrainingSessionConnection',
      'TrainingSessionEdge',
      'TrainingSessionFilter',
      'TrainingSessionKind',
    ]);
    // Members outside the new types: the operations and the fields added to core types.
    const addedElsewhere = added.filter((name) => name.includes('.') && !addedTypes.includes(name.split('.')[0]!)).sort();
    expect(addedElsewhere).toEqual([
      'Mutation.enrolWorkerInTraining',
      'Mutation.recordTrainingResult',
      'Mutation.scheduleTrainingSession',
      'Organisation.organisedTrainingSessions',
      'Query.trainingSession',
      'Query.trainingSessions',
      'Worker.trainingEnrolments',
    ]);
  });

  it('refuses modules listed before what they depend on, or migrations that would run too early', async () => {
    const [workforce, , training] = await loadSchemaModules(WITH_TRAINING);
    expect(() => checkModules([training!, workforce!])).toThrow(/depends on workforce, which must be listed before it/);
    class Early1700000000000 {
      name = 'Early1700000000000';
      async up() {}
      async down() {}
    }
    const early: SchemaModule = { ...training!, migrations: [Early1700000000000] };
    expect(() => checkModules([workforce!, early])).toThrow(/must be later than the first migration of workforce/);
    await expect(loadSchemaModules(['@peksos/no-such-module'])).rejects.toThrow(/Cannot load schema module package/);
  });
});
