// The values a fuzz run sends: plausible ones built from a field's name and
// the records the suite created, and the mutations an attacker would try in
// their place. Shared by the HTTP and the socket generators.
import type { Random } from './random';

/** The kinds of record a fuzz run creates, whose ids requests name. */
export type IdKind = 'summit' | 'session' | 'channel' | 'message' | 'organisation' | 'user' | 'invitation' | 'calendarFeed' | 'authSession' | 'speakerEntry';

/** What the suite set up: real ids by kind, so that plausible requests reach the services and not only the validation. */
export interface FuzzScene {
  ids: Record<IdKind, string[]>;
  /** A calendar feed's secret, as its public address names it. */
  feedToken: string;
  /** An instant within the summit, `hours` after its start. */
  instant(hours: number): string;
}

/** JSON nested this deep, as the issue found it: deep enough to overflow any recursive walk. */
export const DEEP_LEVELS = 5000;

/** A placeholder for JSON nested `DEEP_LEVELS` deep, written as text by `jsonText` (no JSON.stringify survives that depth). */
export class Deep {
  constructor(readonly shape: 'object' | 'array') {}

  text(): string {
    return this.shape === 'object' ? '{"a":'.repeat(DEEP_LEVELS) + '1' + '}'.repeat(DEEP_LEVELS) : '['.repeat(DEEP_LEVELS) + ']'.repeat(DEEP_LEVELS);
  }
}

/** A value as JSON text, `Deep` placeholders included; keys such as `__proto__` are written as the own keys they are. */
export function jsonText(value: unknown): string {
  if (value instanceof Deep) return value.text();
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${jsonText((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `{ "<key>": … }` with the key as an own property, as JSON.parse makes it (an object literal would set the prototype instead). */
export function withKey(key: string, value: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...into };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const ID_FIELDS: [RegExp, IdKind][] = [
  [/^summitId$/, 'summit'],
  [/^sessionId$/, 'session'],
  [/^channelId$/, 'channel'],
  [/^(messageId|replyToId)$/, 'message'],
  [/^(organisationId|organisationIds|hostOrganisationId)$/, 'organisation'],
  [/^(userId|userIds|chairIds|actorId)$/, 'user'],
  [/^entryId$/, 'speakerEntry'],
];

/** The kind of record a field or parameter named `name` refers to, if any. */
export function idKindOfField(name: string): IdKind | undefined {
  return ID_FIELDS.find(([pattern]) => pattern.test(name))?.[1];
}

const TEXT_HINTS: [RegExp, (scene: FuzzScene, r: Random) => unknown][] = [
  [/^email$/, () => 'fuzz@example.org'],
  [/password/i, () => 'not the password of anyone'],
  [/^token$/, () => 'fuzz-token-that-names-nothing'],
  [/^timeZone$/, (_s, r) => r.pick(['Europe/Paris', 'UTC', 'Pacific/Auckland'])],
  [/^zone$/, (_s, r) => r.pick(['summit', 'viewer', 'Asia/Tokyo'])],
  [/^(url|link)$/, () => 'https://example.org/documents/1'],
  [/^countryCode$/, () => 'FR'],
  [/^clientMessageId$/, (_s, r) => `fuzz-${r.int(0, 1_000_000)}`],
  [/^reasonable(Start|End)$/, (_s, r) => r.pick(['07:00', '22:00'])],
  [/^(startsAt|from|before|joinedAt)$/, (scene) => scene.instant(2)],
  [/^(endsAt|to)$/, (scene) => scene.instant(3)],
  [/^(body|description|reason)$/, () => 'Fuzzed text\nwith a second line'],
];

/** A plausible value for a field of that name: a real id of the right kind, an address, a zone, an instant, or some text. */
export function hintedValue(name: string, scene: FuzzScene, r: Random): unknown {
  const kind = idKindOfField(name);
  if (kind) {
    const id = scene.ids[kind].length ? r.pick(scene.ids[kind]) : r.uuid();
    return /Ids$/.test(name) ? [id] : id;
  }
  const hint = TEXT_HINTS.find(([pattern]) => pattern.test(name));
  return hint ? hint[1](scene, r) : undefined;
}

/** A mutation of one value: its name (for the report) and what it puts in the value's place. */
export interface Mutation {
  name: string;
  value(original: unknown, r: Random): unknown;
}

const CONTROL_INSERTS = ['\r\nSubject: forged', '\u0000', '\u202Etxet', '\u001b[2J', '\tcolumn', '\u2028', '\u0085', '\u0007'];
const ODD_NUMBERS = [1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, -1, 0, 0.5, 1e-7];
const ODD_DATES = ['2026-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', '2026-05-14', 'yesterday', '', '2026-05-14T25:61:00Z', '1e12'];
const MALFORMED_IDS = ['', 'x', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', '0b6c9a8e-5f1d-4c52-9d0e-2a7f3b1c4e01x', '0B6C9A8E-5F1D-4C52-9D0E-2A7F3B1C4E01', '../../etc/passwd', "1' OR '1'='1"];
const OTHER_TYPES: unknown[] = [42, -1, 1.5, true, false, 'text', [], {}, [1, 'two'], { a: 1 }];

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** What is tried in place of one field's value. */
export const FIELD_MUTATIONS: Mutation[] = [
  { name: 'null', value: () => null },
  { name: 'wrong type', value: (original, r) => r.pick(OTHER_TYPES.filter((v) => typeOf(v) !== typeOf(original))) },
  { name: 'deep nesting', value: (_o, r) => new Deep(r.pick(['object', 'array'] as const)) },
  { name: 'huge string', value: (_o, r) => 'x'.repeat(r.pick([10_001, 100_000, 300_000])) },
  { name: 'lone surrogate', value: (_o, r) => r.pick(['a\uD800b', '\uDC00', 'delegate\uD83D@example.org']) },
  { name: 'prototype key', value: (_o, r) => withKey(r.pick(['__proto__', 'constructor', 'prototype']), r.pick(['x', { admin: true }, 1])) },
  { name: 'control characters', value: (original, r) => `${typeof original === 'string' ? original : 'text'}${r.pick(CONTROL_INSERTS)}` },
  { name: 'unknown id', value: (_o, r) => r.uuid() },
  { name: 'malformed id', value: (_o, r) => r.pick(MALFORMED_IDS) },
  { name: 'odd number', value: (_o, r) => r.pick(ODD_NUMBERS) },
  { name: 'odd date', value: (_o, r) => r.pick(ODD_DATES) },
  { name: 'many items', value: (_o, r) => Array.from({ length: r.pick([51, 501, 2000]) }, () => r.uuid()) },
  { name: 'text in every script', value: () => 'Sommet 🇫🇷 قمة\u200F 巴黎峰会 Ωμέγα' },
];
