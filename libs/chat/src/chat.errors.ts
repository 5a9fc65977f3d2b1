import { defineErrorCodes } from '@plenary/common';

/** The error codes of the chat. */
export const ChatErrorCode = defineErrorCodes({
  Muted: ['MUTED', 403],
});
