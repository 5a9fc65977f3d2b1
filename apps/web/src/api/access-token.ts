// The access token lives only in this module's memory; the refresh token is an
// httpOnly cookie the server sets, so a reload restores the session through
// POST /api/auth/refresh without any token reaching storage scripts can read.

import { ApiError } from './api-error';
import type { components } from './schema';

export type AuthResult = components['schemas']['AccessTokenDto'];

let accessToken: string | null = null;
let refreshInFlight: Promise<AuthResult | null> | null = null;
const sessionLostListeners = new Set<() => void>();

/** The access token of this page's session, for requests and for connections that carry it themselves such as the chat socket. */
export function currentAccessToken(): string | null {
  return accessToken;
}

/** Keeps the token of a fresh sign-in, acceptance or refresh. */
export function keepAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when the session cannot be renewed any more, so the app can return to the sign-in page. */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

export function sessionLost(): void {
  sessionLostListeners.forEach((listener) => listener());
}

/**
 * A new access token from the refresh cookie; concurrent callers in this tab
 * share one refresh. `exchange` asks the server (see client.ts).
 */
export function refresh(exchange: () => Promise<AuthResult>): Promise<AuthResult | null> {
  refreshInFlight ??= (async () => {
    try {
      const result = await refreshInTurn(exchange);
      accessToken = result?.accessToken ?? null;
      return result;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

/** The lock tabs take turns under to refresh, and the channel on which each tells the others what it got. */
const REFRESH_TURN = 'plenary-refresh';
const refreshes = typeof BroadcastChannel === 'function' ? new BroadcastChannel(REFRESH_TURN) : null;

/**
 * Tabs refresh one after the other, as the server replaces the refresh
 * cookie each time: a tab that waited its turn uses the access token another
 * tab obtained meanwhile, or refreshes with the cookie that tab left. Where
 * the Web Locks API is missing (pages served over plain http other than
 * localhost), the server's grace for a token presented again lets tabs
 * refreshing together share one new cookie.
 */
async function refreshInTurn(exchange: () => Promise<AuthResult>): Promise<AuthResult | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return exchangeRefreshCookie(exchange);
  let obtainedMeanwhile: AuthResult | null = null;
  const listen = (event: MessageEvent<AuthResult>) => {
    obtainedMeanwhile = event.data;
  };
  refreshes?.addEventListener('message', listen);
  try {
    return await locks.request(REFRESH_TURN, async () => obtainedMeanwhile ?? (await exchangeRefreshCookie(exchange)));
  } finally {
    refreshes?.removeEventListener('message', listen);
  }
}

async function exchangeRefreshCookie(exchange: () => Promise<AuthResult>): Promise<AuthResult | null> {
  try {
    const result = await exchange();
    refreshes?.postMessage(result);
    return result;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return null;
  }
}
