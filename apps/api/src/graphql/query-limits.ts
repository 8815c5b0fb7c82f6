import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits every operation must respect, checked while the query is validated, before any resolver runs: depth,
 * aliases, tokens, directives and a cost estimate. The console's deepest query (organisations → workers → cases →
 * category) is depth 6 and costs a few hundred; these bounds leave room for that and refuse query bombs.
 * Field suggestions ("did you mean …") are turned off in production, where they help attackers map the schema.
 */
export function queryLimits(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 20 },
    maxTokens: { n: 3_000 },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 10_000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
