import createClient, { type Middleware } from 'openapi-fetch';
import { currentAccessToken, refresh, sessionLost, type AuthResult } from './access-token';
import { networkError, toApiError } from './api-error';
import type { paths } from './schema';

/** Routes anyone may call: signing in, refreshing, invitation links. */
export const publicApi = createClient<paths>({ headers: { Accept: 'application/json' }, credentials: 'same-origin' });

/** Routes that need the caller's access token. */
export const api = createClient<paths>({ headers: { Accept: 'application/json' }, credentials: 'same-origin' });

const bearer: Middleware = {
  onRequest({ request }) {
    const token = currentAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};
api.use(bearer);

/** What an openapi-fetch call resolves to. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; an ApiError otherwise. */
export async function answer<T>(send: () => Promise<Answer<T>>): Promise<T> {
  let result: Answer<T>;
  try {
    result = await send();
  } catch (cause) {
    throw networkError(cause);
  }
  if (!result.response.ok) throw toApiError(result.response, result.error);
  return result.data as T;
}

/**
 * The data of an authenticated call, sent again once with a renewed access
 * token when the server answers 401 for an expired or missing one.
 */
export async function authorised<T>(send: () => Promise<Answer<T>>): Promise<T> {
  try {
    return await answer(send);
  } catch (error) {
    // A wrong current password is also a 401; only an expired or missing access token warrants a refresh.
    if (!(error instanceof Error && 'status' in error && error.status === 401) || ('code' in error && error.code === 'INVALID_CREDENTIALS')) throw error;
    const renewed = await refreshAccessToken();
    if (!renewed) {
      sessionLost();
      throw error;
    }
    return answer(send);
  }
}

export function refreshAccessToken(): Promise<AuthResult | null> {
  return refresh(() => answer(() => publicApi.POST('/api/auth/refresh')));
}

/**
 * Asks for a new access token after a connection refused the current one;
 * null, with the app sent back to the sign-in page, when the session is over.
 */
export async function renewAccessToken(): Promise<string | null> {
  const renewed = await refreshAccessToken();
  if (!renewed) sessionLost();
  return renewed?.accessToken ?? null;
}
