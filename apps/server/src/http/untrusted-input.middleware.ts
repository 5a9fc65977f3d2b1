import { DomainError, ErrorCode, sendError, untrustedJsonProblem } from '@plenary/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Every request body and query string is inspected once, as soon as it is
 * parsed and before any guard, pipe or DTO sees it: JSON nested thousands of
 * levels deep, a `constructor` key or a lone surrogate would otherwise reach
 * class-transformer and class-validator, which recurse, look keys up and
 * encode strings, and fail with a 500. Refused with 400 VALIDATION_FAILED
 * naming the problem (see `untrustedJsonProblem`).
 */
export function inspectUntrustedInput(req: Request, res: Response, next: NextFunction): void {
  const problem = untrustedJsonProblem(req.body, 'body') ?? untrustedJsonProblem(req.query, 'query');
  if (problem) return sendError(res, new DomainError(ErrorCode.ValidationFailed, problem));
  next();
}

/**
 * A path that is not percent-encoded UTF-8 (`/api/users/%FF`) names nothing:
 * 404 NOT_FOUND, the same for every route and for the web client, before the
 * router tries to decode its parameters.
 */
export function refuseUndecodablePath(req: Request, res: Response, next: NextFunction): void {
  try {
    decodeURIComponent(req.path);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    // API answers are already kept out of caches; a refusal of any other path is not kept either.
    if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-cache');
    return sendError(res, new DomainError(ErrorCode.NotFound, 'Nothing is at this address'));
  }
  next();
}
