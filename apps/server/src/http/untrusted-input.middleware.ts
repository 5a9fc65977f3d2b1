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
