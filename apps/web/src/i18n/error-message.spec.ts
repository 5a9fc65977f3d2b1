import { ApiError, toApiError } from '../api/api-error';
import { errorMessage, loadCatalogue, translator, type Translate } from '.';

let en: Translate;
let fr: Translate;
beforeAll(async () => {
  await loadCatalogue('fr');
  en = translator('en');
  fr = translator('fr');
});

/** An answer as fetch gives it: a status, headers, and the JSON body openapi-fetch parsed. */
function refusal(status: number, body: unknown, headers: Record<string, string> = {}): ApiError {
  return toApiError(new Response(null, { status, headers }), body);
}

describe('errorMessage for a limit that lifts by itself', () => {
  it('says in how many seconds to try again, from the answer’s body', () => {
    const error = refusal(429, { statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'Too many sign-in attempts', retryAfterSeconds: 42 });
    expect(error.retryAfterSeconds).toBe(42);
    expect(errorMessage(en, error)).toBe('Too many attempts. Try again in 42 seconds.');
    expect(errorMessage(fr, error)).toBe('Trop de tentatives. Réessayez dans 42 secondes.');
  });

  it('says minutes, rounded up, for a longer wait, and reads the Retry-After header when the body has no figure', () => {
    const error = refusal(429, { statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'Too many sign-in attempts' }, { 'Retry-After': '601' });
    expect(error.retryAfterSeconds).toBe(601);
    expect(errorMessage(en, error)).toBe('Too many attempts. Try again in 11 minutes.');
    expect(errorMessage(fr, error)).toBe('Trop de tentatives. Réessayez dans 11 minutes.');
    expect(errorMessage(en, refusal(429, { code: 'RATE_LIMITED' }, { 'Retry-After': '1' }))).toBe('Too many attempts. Try again in 1 second.');
  });

  it('keeps the general words when the answer says nothing usable about when', () => {
    for (const retryAfter of [undefined, '0', 'soon', '-5']) {
      const error = refusal(429, { code: 'TOO_MANY_ATTEMPTS', message: 'Too many sign-in attempts' }, retryAfter === undefined ? {} : { 'Retry-After': retryAfter });
      expect(error.retryAfterSeconds).toBeUndefined();
      expect(errorMessage(en, error)).toBe('Too many attempts, try again later.');
    }
  });

  it('does not give a wait to refusals of other kinds', () => {
    const error = new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid email or password', undefined, 30);
    expect(errorMessage(en, error)).toBe('Email or password is incorrect.');
  });
});
