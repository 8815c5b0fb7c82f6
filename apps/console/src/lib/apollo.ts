import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { CSRF_HEADERS } from './http.js';
import { announceSessionEnded } from './session-events.js';

/** Operations whose UNAUTHENTICATED answer is about what was typed, not an ended session. */
const OWN_AUTHENTICATION_ERRORS = new Set(['SignIn', 'SignOut', 'ChangeMyPassword']);

/** Whether an error says the caller is not (or no longer) signed in. */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  return ServerError.is(error) && error.statusCode === 401;
}

export interface ApolloClientOptions {
  uri?: string;
  /** Called when a query or mutation finds the session gone (default: announce it, see session-events.ts). */
  onUnauthenticated?: () => void;
}

/** One Apollo client for the console; the API serves GraphQL at /graphql on the same address. */
export function createApolloClient({ uri = '/graphql', onUnauthenticated = announceSessionEnded }: ApolloClientOptions = {}): ApolloClient {
  const sessionEnded = new ErrorLink(({ error, operation }) => {
    if (!OWN_AUTHENTICATION_ERRORS.has(operation.operationName ?? '') && isUnauthenticated(error)) onUnauthenticated();
  });
  return new ApolloClient({
    // The session cookie goes along (same origin); the CSRF header lets the server accept changes made with it.
    link: ApolloLink.from([sessionEnded, new HttpLink({ uri, credentials: 'same-origin', headers: { ...CSRF_HEADERS } })]),
    cache: new InMemoryCache({
      typePolicies: {
        // These types are identified by their code, not an id.
        Area: { keyFields: ['code'] },
        ProfessionalRole: { keyFields: ['code'] },
        PmksCategory: { keyFields: ['code'] },
        // Figures computed for an area on a date: kept under the query that asked for them.
        WorkforceSummary: { keyFields: false },
        PlacementKindCount: { keyFields: false },
        // Who is asking: one per session, replaced whole.
        Me: { keyFields: [] },
      },
    }),
    defaultOptions: {
      // Lists change under other people's hands: show what is cached, then what the server says.
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });
}
