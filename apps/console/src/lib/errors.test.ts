import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { isUnauthenticated } from './apollo.js';
import { errorMessage, parseError as parseIn, type ErrorWords } from './errors.js';

const COORDINATOR_ID: ErrorWords = { locale: 'id', areaName: 'Kecamatan Cimahi Utara' };
const parseError = (error: unknown) => parseIn(error, COORDINATOR_ID);

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

  it('reads a field inside a list of the input by its name without the index, then by its last name', () => {
    const parsed = parseError(
      graphqlErrors(
        { message: 'The worker is archived', extensions: { code: 'CONFLICT', field: 'replacements.2.workerId' } },
        { message: 'The worker belongs to another area', extensions: { code: 'FORBIDDEN', field: 'rows.0.workerId' } },
      ),
    );
    expect(parsed.fieldErrors).toEqual({
      'replacements.2.workerId': 'Pekerja ini tidak dapat mengambil alih: sudah diarsipkan, sudah bertugas di organisasi ini, atau sudah memegang peran ini dalam kasus.',
      'rows.0.workerId': 'Pekerja ini milik wilayah lain; koordinator hanya dapat mengatur pekerja wilayahnya sendiri (Kecamatan Cimahi Utara).',
    });
  });

  it("puts a coordinator's FORBIDDEN beside the field it names", () => {
    const parsed = parseError(
      graphqlErrors({
        message: 'Coordinators change only records within their area (32.77.03)',
        extensions: { code: 'FORBIDDEN', field: 'input.areaCode' },
      }),
    );
    expect(parsed.kind).toBe('forbidden');
    expect(parsed.fieldErrors).toEqual({ areaCode: 'Koordinator hanya dapat mengubah data di wilayahnya sendiri (Kecamatan Cimahi Utara).' });
    expect(errorMessage(parsed).key).toBe('error.forbidden');
    const english = parseIn(
      graphqlErrors({ message: 'Coordinators change only records within their area (32.77.03)', extensions: { code: 'FORBIDDEN', field: 'input.areaCode' } }),
      { locale: 'en', areaName: 'Kecamatan Cimahi Utara' },
    );
    expect(english.fieldErrors.areaCode).toBe('Coordinators change only records within their own area (Kecamatan Cimahi Utara).');
  });

  it("reads the server's errors in the chosen language by code and field, never in the server's English", () => {
    const taken = parseError(
      graphqlErrors({ message: 'Another organisation already has the code LKS-013', extensions: { code: 'CONFLICT', field: 'input.code' } }),
    );
    expect(taken).toMatchObject({ kind: 'conflict', fieldErrors: { code: 'Organisasi lain sudah memakai kode ini.' } });
    // A field the console has no sentence for gets its code's sentence; an unknown code a general one.
    const other = parseError(graphqlErrors({ message: 'The session is full (3 places)', extensions: { code: 'CONFLICT', field: 'sessionId' } }));
    expect(other.fieldErrors.sessionId).toMatch(/^Data ini sudah diubah orang lain/);
    const strange = parseError(graphqlErrors({ message: 'Something odd', extensions: { code: 'TEAPOT' } }));
    expect(strange.message).toBe('Isian belum benar.');
    // A viewer's refusal is about the role, not an area.
    const viewer = parseIn(graphqlErrors({ message: 'Your role (viewer) may not change the registry', extensions: { code: 'FORBIDDEN' } }), {
      locale: 'id',
      areaName: null,
    });
    expect(viewer.message).toBe('Peran Anda tidak dapat mengubah data ini.');
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
