declare const declared: unique symbol;

/**
 * A stable error code: clients switch on these, never on messages. Only codes
 * declared with `defineErrorCodes` have this type, so every code a server
 * sends has a known HTTP status (and the same answer over a socket).
 */
export type ErrorCode = string & { readonly [declared]: true };

const STATUS_OF = new Map<string, number>();

type Declared<T extends Record<string, readonly [string, number]>> = { readonly [K in keyof T]: ErrorCode & T[K][0] };

/**
 * Declares a lib's own error codes with the HTTP status each answers with,
 * registered with the one error filter (HTTP) and the socket acknowledgements
 * alike, so that a new lib never edits this one. A code declared twice must
 * keep its status.
 */
export function defineErrorCodes<const T extends Record<string, readonly [code: string, status: number]>>(codes: T): Declared<T> {
  const declaredCodes: Record<string, string> = {};
  for (const [name, [code, status]] of Object.entries(codes)) {
    const known = STATUS_OF.get(code);
    if (known !== undefined && known !== status) throw new Error(`Error code ${code} is already declared with status ${known}`);
    STATUS_OF.set(code, status);
    declaredCodes[name] = code;
  }
  return Object.freeze(declaredCodes) as Declared<T>;
}

/** The HTTP status of a declared code; undefined for a code nobody declared. */
export function statusOfErrorCode(code: string): number | undefined {
  return STATUS_OF.get(code);
}

/** Every declared code and its status, for the documentation and the tests. */
export function declaredErrorCodes(): ReadonlyMap<string, number> {
  return STATUS_OF;
}

/** The codes every lib shares; each lib declares its own beside its module (`<lib>.errors.ts`). */
export const ErrorCode = defineErrorCodes({
  ValidationFailed: ['VALIDATION_FAILED', 400],
  Unauthenticated: ['UNAUTHENTICATED', 401],
  Forbidden: ['FORBIDDEN', 403],
  NotFound: ['NOT_FOUND', 404],
  Conflict: ['CONFLICT', 409],
  PayloadTooLarge: ['PAYLOAD_TOO_LARGE', 413],
  RateLimited: ['RATE_LIMITED', 429],
  InternalError: ['INTERNAL_ERROR', 500],
});
