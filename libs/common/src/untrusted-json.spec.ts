import { DomainError } from './errors/domain.error';
import { assertFitJson, MAX_JSON_DEPTH, untrustedJsonProblem } from './untrusted-json';

/** `levels` objects nested in one another, the innermost holding 1. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

describe(untrustedJsonProblem.name, () => {
  const sut = untrustedJsonProblem;

  it('accepts what requests carry: objects, arrays, numbers, booleans, null and text in any script', () => {
    expect(sut({ title: 'Sommet de Paris — 巴黎峰会 🇫🇷', ids: ['a', 'b'], count: 3, on: true, room: null, nested: { list: [{ x: 1 }] } }, 'body')).toBeNull();
    expect(sut(undefined, 'body')).toBeNull();
    expect(sut('plain', 'body')).toBeNull();
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, naming where`, () => {
    expect(sut(nested(MAX_JSON_DEPTH), 'body')).toBeNull();
    expect(sut(nested(MAX_JSON_DEPTH + 1), 'body')).toBe(`body${'.a'.repeat(MAX_JSON_DEPTH)} nests deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it('refuses JSON nested 5,000 levels deep without overflowing the stack, in objects and arrays alike', () => {
    expect(sut(JSON.parse('{"a":'.repeat(5000) + '1' + '}'.repeat(5000)), 'body')).toMatch(/nests deeper than 32 levels$/);
    expect(sut(JSON.parse('['.repeat(5000) + ']'.repeat(5000)), 'body')).toMatch(/^body(\[0\]){32} nests deeper/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth', (key) => {
    expect(sut(JSON.parse(`{"email":{"${key}":"x"}}`), 'body')).toBe(`body.email has a key "${key}", which is never accepted`);
    expect(sut(JSON.parse(`{"list":[{"${key}":{}}]}`), 'body')).toBe(`body.list[0] has a key "${key}", which is never accepted`);
  });

  it('accepts those words as values', () => {
    expect(sut({ title: 'constructor', kind: '__proto__' }, 'body')).toBeNull();
  });

  it('refuses a lone surrogate in a value or a key, but not a surrogate pair', () => {
    expect(sut({ email: 'a\uD800@example.org' }, 'body')).toBe('body.email contains an unpaired UTF-16 surrogate');
    expect(sut({ email: 'a\uDC00@example.org' }, 'body')).toBe('body.email contains an unpaired UTF-16 surrogate');
    expect(sut({ ['k\uD800']: 1 }, 'body')).toBe('a key of body contains an unpaired UTF-16 surrogate');
    expect(sut({ title: 'flag \uD83C\uDDEB\uD83C\uDDF7' }, 'body')).toBeNull();
  });

  it('refuses a NUL in a value or a key', () => {
    expect(sut({ title: 'a\u0000b' }, 'body')).toBe('body.title contains a NUL character');
    expect(sut({ ['a\u0000']: 1 }, 'query')).toBe('a key of query contains a NUL character');
  });

  it('does not quote keys that are long or strange back in the message', () => {
    expect(sut({ ['x'.repeat(500)]: { y: 'a\u0000' } }, 'body')).toBe('body.[key].y contains a NUL character');
  });
});

describe(assertFitJson.name, () => {
  it('throws a validation failure naming the problem', () => {
    expect(() => assertFitJson({ constructor: 'x' })).toThrow(DomainError);
    expect(() => assertFitJson({ constructor: 'x' })).toThrow('payload has a key "constructor", which is never accepted');
    expect(() => assertFitJson({ ok: 'yes' })).not.toThrow();
  });
});
