/** An error answered by the server (`{ statusCode, code, message, details? }`), or `NETWORK` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Structured detail a client can act on, such as the conflicts of a schedule. */
    readonly details?: unknown,
    /** For a refusal that holds only for a while (429): the seconds to wait before trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The error a failed answer stands for. openapi-fetch hands over the body
 * parsed as JSON when it is JSON, its text otherwise: a proxy in front of the
 * server may answer with a page of its own, and the status still tells what
 * happened.
 */
export function toApiError(response: Response, body: unknown): ApiError {
  let code = 'UNKNOWN';
  let message = response.statusText;
  let details: unknown;
  let retryAfter: unknown = response.headers.get('Retry-After');
  if (body && typeof body === 'object') {
    const fields = body as { code?: unknown; message?: unknown; details?: unknown; retryAfterSeconds?: unknown };
    if (typeof fields.code === 'string') code = fields.code;
    if (typeof fields.message === 'string') message = fields.message;
    else if (Array.isArray(fields.message)) message = fields.message.join(' ');
    details = fields.details;
    retryAfter = fields.retryAfterSeconds ?? retryAfter;
  }
  const seconds = Number(retryAfter);
  return new ApiError(response.status, code, message, details, retryAfter !== null && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined);
}

/** A failure to reach the server at all, as fetch reports it. */
export function networkError(cause: unknown): ApiError {
  return new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
}
