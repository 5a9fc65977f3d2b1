import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, isEmail, IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

// Text rules. A single line (a name, a title, a subject, an address) ends up
// in mail headers, log lines, calendar properties and one-line labels, where
// a line break forges a new line and a bidirectional override makes text read
// otherwise than it is stored; multi-line text (a description, a message)
// keeps its line breaks and tabs, and nothing else of the kind.

/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, but for line feed and tab. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROLS_BUT_LF_AND_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Unicode's own line and paragraph separators, line breaks to some readers. */
const SEPARATORS = /[\u2028\u2029]/;
/** Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextKind = 'single-line' | 'multi-line';

/** What is wrong with `value` as text of that kind, as the end of a sentence starting with the field's name; null when nothing is. */
export function textProblem(value: unknown, kind: TextKind): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired UTF-16 surrogate';
  if (kind === 'single-line' && (CONTROLS.test(value) || SEPARATORS.test(value))) return 'must be one line without control characters (no line break, tab or NUL)';
  if (kind === 'multi-line' && CONTROLS_BUT_LF_AND_TAB.test(value)) return 'must not contain control characters other than line breaks and tabs';
  if (BIDI_CONTROLS.test(value)) return 'must not contain bidirectional override or isolate characters';
  return null;
}

function IsTextOf(kind: TextKind) {
  return ValidateBy({
    name: kind === 'single-line' ? 'isSingleLineText' : 'isMultiLineText',
    validator: {
      validate: (value: unknown) => textProblem(value, kind) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${textProblem(args?.value, kind) ?? 'is invalid'}`,
    },
  });
}

const trimmed = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** One line of text, up to `max` characters (maybe empty): a search, a room, a zone name. */
export function IsSingleLine(max: number) {
  return applyDecorators(IsString(), IsTextOf('single-line'), MaxLength(max));
}

/** A trimmed, non-empty name or title on one line, of bounded length. */
export function IsName(max = 200) {
  return applyDecorators(trimmed, IsString(), IsTextOf('single-line'), MinLength(1), MaxLength(max));
}

/**
 * Text of several lines (a description, a chat message), up to `max`
 * characters. Line ends sent as CRLF (as forms and Windows clients do) are
 * stored as LF, so that a lone CR never reaches a reader.
 */
export function IsText(max: number, min = 0) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.replace(/\r\n/g, '\n') : value)),
    IsString(),
    IsTextOf('multi-line'),
    MinLength(min),
    MaxLength(max),
  );
}

/** A trimmed, lower-cased e-mail address on one line. */
export function IsEmailAddress() {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsString(),
    IsTextOf('single-line'),
    ValidateBy({
      name: 'isEmailAddress',
      // The text rules first: validator's isEmail throws (URIError) on an unpaired surrogate instead of refusing it.
      validator: { validate: (value: unknown) => textProblem(value, 'single-line') === null && isEmail(value), defaultMessage: () => '$property must be an e-mail address' },
    }),
    MaxLength(320),
  );
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * A new password: long enough to resist guessing, bounded to keep hashing
 * cheap to refuse. Any characters: a password is never shown, and refusing
 * some would lock out the accounts that chose them.
 */
export function IsNewPassword() {
  return applyDecorators(IsString(), MinLength(PASSWORD_MIN_LENGTH), MaxLength(PASSWORD_MAX_LENGTH));
}

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

/**
 * An optional field: it may be left out, and `null` is refused like any other
 * wrong value unless the field is documented as nullable (`nullable: true`),
 * where null means "none" to the service. Used instead of class-validator's
 * `IsOptional`, which lets null through to services that would store it in a
 * NOT NULL column (the linter keeps `IsOptional` out).
 */
export function Optional(options: { nullable?: boolean } = {}): PropertyDecorator {
  return ValidateIf((_object, value: unknown) => value !== undefined && !(options.nullable && value === null));
}

/** Four-digit years, a time and an explicit offset: what `toISOString()` and every ISO 8601 writer send. */
const ISO_INSTANT = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant an ISO 8601 date-time with its offset names, or null for anything else (a number, a date alone, 30 February). */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** An instant sent as an ISO 8601 date-time with its offset (`2026-05-14T09:00:00Z`), received as a Date. */
export function IsInstant() {
  return applyDecorators(
    Transform(({ value }) => parseInstant(value) ?? value),
    IsDate({ message: '$property must be an ISO 8601 date and time with an offset, such as 2026-05-14T09:00:00Z' }),
  );
}

/** The largest integer the database's INTEGER columns hold (PostgreSQL's int4). */
export const MAX_STORED_INT = 2_147_483_647;

/** An integer in a JSON body, between `min` and `max` (by default what the database holds). */
export function IsBoundedInt(min: number, max = MAX_STORED_INT) {
  return applyDecorators(IsInt(), Min(min), Max(max));
}

/**
 * An integer in a query string: digits only (no `1e3`, no blank read as 0),
 * between `min` and `max`.
 */
export function IsQueryInt(min: number, max = MAX_STORED_INT) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value)),
    IsInt({ message: '$property must be a whole number' }),
    Min(min),
    Max(max),
  );
}
