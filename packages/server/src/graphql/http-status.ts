import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { WWW_AUTHENTICATE } from '@peksos/access';
import { ErrorCode } from '@peksos/schema-kit';

/**
 * One shape for UNAUTHENTICATED (docs/api.md, "Errors"): when a GraphQL answer carries no data because the caller is
 * not signed in (no session, an ended one, a wrong password at sign-in), the status is 401 with
 * `WWW-Authenticate: Bearer`, and the body the usual `{ errors: [{ message, extensions: { code: "UNAUTHENTICATED" } }] }`,
 * as for a bad API key (refused before GraphQL runs, by @peksos/access). An answer with some data stays 200, as the
 * GraphQL-over-HTTP specification requires: its errors name the fields that were refused.
 */
export function unauthenticatedStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== null && data !== undefined) return;
          if (!errors?.some((error) => error.extensions?.code === ErrorCode.UNAUTHENTICATED)) return;
          response.http.status = 401;
          response.http.headers.set('www-authenticate', WWW_AUTHENTICATE);
        },
      };
    },
  };
}

/** Whether the client takes the legacy `application/json` answer (also when it sends no Accept), as Apollo decides. */
export function prefersLegacyJson(request: Request): boolean {
  return request.accepts(['application/json', 'application/graphql-response+json']) !== 'application/graphql-response+json';
}

/** The codes of GraphQL request errors: the document does not parse, does not validate, or a variable does not fit. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', ErrorCode.BAD_USER_INPUT]);

export interface NegotiatedContext {
  /** From prefersLegacyJson, set when the request's context is made. */
  legacyJsonClient: boolean;
}

/**
 * The status of a GraphQL request error (a syntax error, the token limit, a failed validation or query limit, a
 * variable of the wrong type), as the GraphQL-over-HTTP specification has it and graphql-http's audit checks:
 * 400 for clients that accept `application/graphql-response+json` (Apollo Client, the console), and 200 for those
 * that take the legacy `application/json` (or send no Accept header). Never 500. The body is the same either way:
 * `{ errors: [{ message, extensions: { code: "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED" | "BAD_USER_INPUT" } }] }`.
 */
export function requestErrorStatus(): ApolloServerPlugin<NegotiatedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || response.http.status !== 400 || !contextValue?.legacyJsonClient) return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.code)))) response.http.status = 200;
        },
      };
    },
  };
}
