import { defineErrorCodes } from '@plenary/common';

/** The error codes of accounts, organisations, invitations, sign-in and password resets. */
export const IdentityErrorCode = defineErrorCodes({
  InvalidCredentials: ['INVALID_CREDENTIALS', 401],
  TooManyAttempts: ['TOO_MANY_ATTEMPTS', 429],
  SessionRevoked: ['SESSION_REVOKED', 401],
  RefreshTokenInvalid: ['REFRESH_TOKEN_INVALID', 401],
  RefreshTokenReused: ['REFRESH_TOKEN_REUSED', 401],
  AccountDisabled: ['ACCOUNT_DISABLED', 403],
  EmailTaken: ['EMAIL_TAKEN', 409],
  InvitationNotFound: ['INVITATION_NOT_FOUND', 404],
  InvitationExpired: ['INVITATION_EXPIRED', 410],
  InvitationResendTooSoon: ['INVITATION_RESEND_TOO_SOON', 429],
  PasswordResetInvalid: ['PASSWORD_RESET_INVALID', 404],
  PasswordResetExpired: ['PASSWORD_RESET_EXPIRED', 410],
  OrganisationNotFound: ['ORGANISATION_NOT_FOUND', 404],
  OrganisationInUse: ['ORGANISATION_IN_USE', 409],
  UserNotFound: ['USER_NOT_FOUND', 404],
});
