import { ApolloArmor } from '@escape.tech/graphql-armor';

/** The most tokens a query document may have; the parser stops there (GraphQL's own `maxTokens` parse option). */
export const MAX_TOKENS = 3_000;

/**
 * Limits every operation must respect, before any resolver runs: depth, aliases, directives and a cost estimate
 * (graphql-armor's validation rules), and tokens (the parser's own limit, so that a document past it is a parse error,
 * 400 GRAPHQL_PARSE_FAILED, like any other syntax error; graphql-armor's token plugin made every syntax error a 500).
 * The console's deepest query (organisations → workers → cases → category) is depth 6 and costs a few hundred; these
 * bounds leave room for that and refuse query bombs; the cost bound is `PEKSOS_MAX_QUERY_COST` (`maxCost`). Field suggestions ("did you mean …") are removed from every
 * error by the error formatter, for everyone (error-formatting.ts). docs/access.md, "What is limited".
 */
export function queryLimits(maxCost = 10_000) {
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 20 },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { maxCost },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: MAX_TOKENS } };
}
