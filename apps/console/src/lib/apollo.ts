import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** One Apollo client for the console; the API serves GraphQL at /graphql on the same address. */
export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({
      typePolicies: {
        // These types are identified by their code, not an id.
        Area: { keyFields: ['code'] },
        ProfessionalRole: { keyFields: ['code'] },
        PmksCategory: { keyFields: ['code'] },
        // Figures computed for an area on a date: kept under the query that asked for them.
        WorkforceSummary: { keyFields: false },
        PlacementKindCount: { keyFields: false },
      },
    }),
    defaultOptions: {
      // Lists change under other people's hands: show what is cached, then what the server says.
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });
}
