import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain.error';
import { ErrorCode, statusOfErrorCode } from './error-code';
import { RetryLaterError } from './retry-later.error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  /** For a refusal that holds only for a while: the seconds in its Retry-After header. */
  retryAfterSeconds?: number;
}

const STATUS_CODES: Record<number, string> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.RateLimited,
};

/** Turns any thrown value into `{ statusCode, code, message }`; unknown errors become a logged 500. */
export function toErrorBody(error: unknown, logger?: Logger): { body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof DomainError) {
    const body: ErrorBody = { statusCode: statusOfErrorCode(error.code) ?? 500, code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    if (error instanceof RetryLaterError) body.retryAfterSeconds = error.retryAfterSeconds;
    return { body, headers: error.headers };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    let message = error.message;
    let code: string = STATUS_CODES[statusCode] ?? (statusCode >= 500 ? ErrorCode.InternalError : 'HTTP_' + statusCode);
    if (typeof response === 'object' && response !== null) {
      const r = response as { message?: unknown; code?: unknown };
      if (Array.isArray(r.message)) message = r.message.join('; ');
      else if (typeof r.message === 'string') message = r.message;
      if (typeof r.code === 'string') code = r.code;
    }
    return { body: { statusCode, code, message }, headers: {} };
  }
  // body-parser errors carry a status and an expose flag.
  const parserError = error as { status?: number; expose?: boolean; type?: string; message?: string };
  if (parserError && typeof parserError.status === 'number' && parserError.status < 500 && parserError.expose) {
    const code = parserError.status === 413 ? ErrorCode.PayloadTooLarge : ErrorCode.ValidationFailed;
    return { body: { statusCode: parserError.status, code, message: parserError.message ?? 'Bad request' }, headers: {} };
  }
  logger?.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { body: { statusCode: 500, code: ErrorCode.InternalError, message: 'Internal server error' }, headers: {} };
}

const logger = new Logger('HttpErrorFilter');

/** Writes the error body; also used for errors raised before Nest routing, such as unparsable JSON. */
export function sendError(res: Response, error: unknown): void {
  const { body, headers } = toErrorBody(error, logger);
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // A route may have set its own type before failing (a calendar feed's text/calendar): the error is JSON whatever it was.
  res.type('application/json');
  res.status(body.statusCode).json(body);
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    sendError(host.switchToHttp().getResponse<Response>(), exception);
  }
}
