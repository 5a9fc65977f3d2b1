import { DomainError } from './domain.error';
import type { ErrorCode } from './error-code';

/**
 * A refusal that holds only for a while (too many attempts, a link sent
 * moments ago): it says when to try again, in a `Retry-After` header and as
 * `retryAfterSeconds` in the error body, so that a page can say it.
 */
export class RetryLaterError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, { 'Retry-After': String(retryAfterSeconds) });
  }
}
