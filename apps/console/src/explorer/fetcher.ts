import type { GraphiQLProps } from 'graphiql';

/** The CSRF rule of the API (@peksos/access, authentication.ts): cookie-signed requests that change data carry it. */
const CSRF_HEADER = 'x-peksos-csrf';

/**
 * Sends the explorer's operations to this server's /graphql, as the console does: a POST with the GraphQL-over-HTTP
 * media type, the session cookie of this origin (a signed-in console user) and the CSRF header. Headers typed in the
 * explorer's Headers tab go along: a partner's `Authorization: Bearer pks_…` takes precedence over the session.
 * Headers left empty (the template's `"Authorization": ""`) are not sent.
 */
export const explorerFetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const typed = Object.entries((options?.headers ?? {}) as Record<string, unknown>).filter(
    ([, value]) => typeof value === 'string' && value.trim() !== '' && value.trim() !== 'Bearer',
  ) as [string, string][];
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json;q=0.9',
      [CSRF_HEADER]: '1',
      ...Object.fromEntries(typed),
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): show what came back rather than a parse error.
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
  }
};
