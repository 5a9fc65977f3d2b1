import { ErrorCode, statusOfErrorCode } from './error-code';

/**
 * An expected failure of a domain rule. Services throw these; one filter maps
 * them to HTTP and the real-time layer maps them to error acknowledgements.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Structured detail a client can act on, e.g. the list of schedule conflicts. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
    // The type allows declared codes only; this catches a cast.
    if (statusOfErrorCode(code) === undefined) throw new Error(`Undeclared error code ${code}: declare it with defineErrorCodes`);
  }
}
