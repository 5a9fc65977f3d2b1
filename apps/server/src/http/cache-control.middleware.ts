import type { NextFunction, Request, Response } from 'express';

/**
 * API answers speak of the caller (their account, their summits, their
 * sessions, tokens) and must not be kept by the browser or any cache on the
 * way: `no-store`, set before the route runs so that errors carry it too.
 * Public answers (`/api/public/…`, the same for every reader) may be kept but
 * are checked again on every use (`no-cache`, with the ETag Express sets), so
 * that a rescheduled session shows at once. Routes may set their own, as the
 * secret calendar feeds do. The web client's files are left to the static
 * server, and the API documentation is the same for everyone.
 */
export function cacheControl(req: Request, res: Response, next: NextFunction): void {
  const path = req.path;
  if (path.startsWith('/api/public/')) res.setHeader('Cache-Control', 'public, no-cache');
  else if (path === '/api/docs' || path.startsWith('/api/docs/') || path === '/api/docs-json') {
    // The documentation: left to its defaults.
  } else if (path === '/api' || path.startsWith('/api/') || path === '/health' || path === '/metrics') res.setHeader('Cache-Control', 'no-store');
  next();
}
