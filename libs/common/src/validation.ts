import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Zones known valid: every canonical name Intl lists, and the other names
 * (`UTC`, links such as `Asia/Calcutta`, other casings) once a check has
 * passed. A check builds a formatter, a fifth of a millisecond, which the
 * agenda would pay on every request; names are remembered up to a bound,
 * since casings are endless.
 */
const knownZones = new Set<string>(Intl.supportedValuesOf('timeZone'));
const MAX_KNOWN_ZONES = 2000;

export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  if (knownZones.size < MAX_KNOWN_ZONES) knownZones.add(value);
  return true;
}

/** An IANA time zone name such as `Europe/Paris` or `UTC`. */
export function IsTimeZone(options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isTimeZone', validator: { validate: isTimeZone, defaultMessage: () => '$property must be an IANA time zone such as Europe/Paris' } },
    options,
  );
}

/** A trimmed, lower-cased e-mail address. */
export function IsEmailAddress() {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsEmail({}, { message: '$property must be an e-mail address' }),
    MaxLength(320),
  );
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** A new password: long enough to resist guessing, bounded to keep hashing cheap to refuse. */
export function IsNewPassword() {
  return applyDecorators(IsString(), MinLength(PASSWORD_MIN_LENGTH), MaxLength(PASSWORD_MAX_LENGTH));
}

/** A trimmed, non-empty name of bounded length. */
export function IsName(max = 200) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(1),
    MaxLength(max),
  );
}
