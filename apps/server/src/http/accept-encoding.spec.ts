import { chooseEncoding, parseAcceptEncoding } from './accept-encoding';

describe(chooseEncoding.name, () => {
  const both = ['br', 'gzip'] as const;

  it('sends identity when the request has no Accept-Encoding', () => {
    expect(chooseEncoding(undefined, both)).toBe('identity');
  });

  it('sends identity when Accept-Encoding is empty', () => {
    expect(chooseEncoding('', both)).toBe('identity');
    expect(chooseEncoding('  ', both)).toBe('identity');
  });

  it('prefers brotli to gzip when both weigh the same, whatever the order', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(chooseEncoding('br, gzip', both)).toBe('br');
    expect(chooseEncoding('gzip;q=0.8, br;q=0.8', both)).toBe('br');
  });

  it('honours the weights the request gives', () => {
    expect(chooseEncoding('br;q=0.5, gzip', both)).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=0.6', both)).toBe('gzip');
    expect(chooseEncoding('br;q=1.000, gzip;q=0.999', both)).toBe('br');
  });

  it('never sends a coding the request weighs 0', () => {
    expect(chooseEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0', both)).toBe('identity');
    expect(chooseEncoding('br;q=0.000', both)).toBe('identity');
  });

  it('sends only what the file is stored in', () => {
    expect(chooseEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br', ['gzip'])).toBe('identity');
    expect(chooseEncoding('br, gzip', [])).toBe('identity');
  });

  it('reads the wildcard as every coding not named', () => {
    expect(chooseEncoding('*', both)).toBe('br');
    expect(chooseEncoding('br;q=0, *', both)).toBe('gzip');
    expect(chooseEncoding('*;q=0', both)).toBe('identity');
    expect(chooseEncoding('*;q=0, gzip', both)).toBe('gzip');
  });

  it('sends identity when the request weighs it above every coding available', () => {
    expect(chooseEncoding('identity, gzip;q=0.5', both)).toBe('identity');
    expect(chooseEncoding('identity;q=0.5, gzip;q=0.5', both)).toBe('gzip');
    expect(chooseEncoding('*;q=0.2, identity;q=0.3', both)).toBe('identity');
  });

  it('falls back to identity when nothing available is acceptable, even when identity is refused', () => {
    expect(chooseEncoding('identity;q=0, zstd', both)).toBe('identity');
    expect(chooseEncoding('deflate', both)).toBe('identity');
  });

  it('reads codings case-insensitively, with spaces, and x-gzip as gzip', () => {
    expect(chooseEncoding(' GZIP ; Q=1 ', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('Br', both)).toBe('br');
    expect(chooseEncoding('x-gzip', both)).toBe('gzip');
  });

  it('leaves malformed entries out rather than guessing', () => {
    expect(chooseEncoding('br;q=2, gzip', both)).toBe('gzip');
    expect(chooseEncoding('br;q=high, gzip;q=0.1', both)).toBe('gzip');
    expect(chooseEncoding('br;q=0.1234', both)).toBe('identity');
    expect(chooseEncoding('b r, gzip;q=-1, ,;,==;', both)).toBe('identity');
    expect(chooseEncoding('br;q=', both)).toBe('identity');
  });
});

describe(parseAcceptEncoding.name, () => {
  it('gives every coding named its weight, 1 when none is given', () => {
    expect(Object.fromEntries(parseAcceptEncoding('gzip;q=0.5, br, identity;q=0'))).toEqual({ gzip: 0.5, br: 1, identity: 0 });
  });

  it('keeps the highest weight of a coding named twice', () => {
    expect(parseAcceptEncoding('gzip;q=0.2, x-gzip;q=0.7, gzip;q=0.4').get('gzip')).toBe(0.7);
  });

  it('ignores parameters other than q', () => {
    expect(parseAcceptEncoding('br;level=5;q=0.3').get('br')).toBe(0.3);
  });

  it('stays linear on a very long header', () => {
    const header = Array.from({ length: 5000 }, (_, i) => `coding${i};q=0.${i % 10}`).join(', ') + ', br';
    const started = performance.now();
    const weights = parseAcceptEncoding(header);
    expect(weights.get('br')).toBe(1);
    expect(weights.size).toBe(5001);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
