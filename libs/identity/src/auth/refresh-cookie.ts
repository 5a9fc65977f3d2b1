import type { AppConfig } from '@plenary/config';
import type { CookieOptions, Request, Response } from 'express';

export const REFRESH_COOKIE = 'plenary_refresh';

/** The refresh token travels only in this cookie: httpOnly, SameSite=Strict, scoped to the auth routes. */
function cookieOptions(config: AppConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: config.auth.cookieSecure, path: '/api/auth' };
}

export function setRefreshCookie(res: Response, token: string, config: AppConfig): void {
  res.cookie(REFRESH_COOKIE, token, { ...cookieOptions(config), maxAge: config.auth.refreshTokenTtlSeconds * 1000 });
}

export function clearRefreshCookie(res: Response, config: AppConfig): void {
  res.clearCookie(REFRESH_COOKIE, cookieOptions(config));
}

export function readRefreshCookie(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
