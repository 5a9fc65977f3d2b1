import { isTimeZone } from './validation';

describe(isTimeZone.name, () => {
  it('accepts canonical IANA names', () => {
    expect(isTimeZone('Europe/Zurich')).toBe(true);
    expect(isTimeZone('Pacific/Auckland')).toBe(true);
  });

  it('accepts the names Intl does not list but knows, every time it is asked', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(isTimeZone('UTC')).toBe(true);
      expect(isTimeZone('Asia/Calcutta')).toBe(true);
    }
  });

  it('refuses what is no time zone, every time it is asked', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(isTimeZone('Europe/Geneva')).toBe(false);
      expect(isTimeZone('summit')).toBe(false);
      expect(isTimeZone('')).toBe(false);
      expect(isTimeZone('A'.repeat(65))).toBe(false);
      expect(isTimeZone(42)).toBe(false);
    }
  });
});
