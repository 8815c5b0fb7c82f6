import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { isUnauthenticated } from './apollo.js';
import { errorMessage, parseError } from './errors.js';

function graphqlErrors(...errors: { message: string; extensions: Record<string, unknown> }[]) {
  return new CombinedGraphQLErrors({ errors, data: null });
}

function refusal(status: number, body: unknown) {
  const text = JSON.stringify(body);
  return new ServerError('Response not successful', { response: new Response(text, { status }), bodyText: text });
}

describe('errors from the access rules', () => {
  it('reads a failed sign-in and the wait after too many', () => {
    expect(parseError(graphqlErrors({ message: 'Wrong username or password', extensions: { code: 'UNAUTHENTICATED' } })).kind).toBe(
      'unauthenticated',
    );
    const wait = parseError(
      graphqlErrors({ message: 'Too many failed sign-ins', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 8 } }),
    );
    expect(wait).toMatchObject({ kind: 'tooManyRequests', retryAfterSeconds: 8 });
    expect(errorMessage(wait)).toEqual({ key: 'error.tooManyRequests', values: { seconds: 8 } });
  });

  it("puts a coordinator's FORBIDDEN beside the field it names", () => {
    const parsed = parseError(
      graphqlErrors({
        message: 'Coordinators change only records within their area (32.77.03)',
        extensions: { code: 'FORBIDDEN', field: 'input.areaCode' },
      }),
    );
    expect(parsed.kind).toBe('forbidden');
    expect(parsed.fieldErrors).toEqual({ areaCode: 'Coordinators change only records within their area (32.77.03)' });
    expect(errorMessage(parsed).key).toBe('error.forbidden');
  });

  it('reads the HTTP refusals (rate limit, CSRF, bad key) from their JSON body', () => {
    const limited = parseError(
      refusal(429, { errors: [{ message: 'Too many requests: try again in 30 seconds', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 30 } }] }),
    );
    expect(limited).toMatchObject({ kind: 'tooManyRequests', retryAfterSeconds: 30 });
    expect(parseError(refusal(403, { errors: [{ message: 'CSRF', extensions: { code: 'FORBIDDEN' } }] })).kind).toBe('forbidden');
    expect(parseError(refusal(401, { errors: [{ message: 'bad key', extensions: { code: 'UNAUTHENTICATED' } }] })).kind).toBe('unauthenticated');
    expect(parseError(refusal(502, 'Bad gateway')).kind).toBe('network');
  });

  it('knows an ended session when it sees one', () => {
    expect(isUnauthenticated(graphqlErrors({ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }))).toBe(true);
    expect(isUnauthenticated(refusal(401, {}))).toBe(true);
    expect(isUnauthenticated(graphqlErrors({ message: 'No', extensions: { code: 'FORBIDDEN' } }))).toBe(false);
  });
});
