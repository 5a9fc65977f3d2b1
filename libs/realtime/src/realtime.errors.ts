import { defineErrorCodes } from '@plenary/common';

/** The error codes only live connections meet: in error acknowledgements, `connect_error` and the notices before a disconnection. */
export const RealtimeErrorCode = defineErrorCodes({
  UnknownEvent: ['UNKNOWN_EVENT', 404],
  TokenExpired: ['TOKEN_EXPIRED', 401],
  SessionEnded: ['SESSION_ENDED', 401],
  TooManyConnections: ['TOO_MANY_CONNECTIONS', 429],
});
