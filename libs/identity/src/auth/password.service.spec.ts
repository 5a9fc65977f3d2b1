import { testConfig } from '../testing/identity.factories';
import { PasswordService } from './password.service';

function passwordService(cost: number): PasswordService {
  return new PasswordService(testConfig({ PASSWORD_HASH_COST: String(cost) }));
}

describe(PasswordService.name, () => {
  const password = 'correct horse battery staple';
  let sut: PasswordService;

  beforeEach(() => {
    sut = passwordService(10);
  });

  it('verifies a password against its own hash', async () => {
    const stored = await sut.hash(password);

    await expect(sut.verify(password, stored)).resolves.toBe(true);
  });

  it('stores the parameters with the hash and never the password', async () => {
    const stored = await sut.hash(password);

    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(password);
  });

  it('refuses a wrong password', async () => {
    const stored = await sut.hash(password);

    await expect(sut.verify('correct horse battery stapler', stored)).resolves.toBe(false);
  });

  it('compares passwords after Unicode normalisation', async () => {
    // "é" precomposed (U+00E9) and decomposed (e + U+0301) are the same password to the person typing it.
    const stored = await sut.hash('caf\u00e9 au lait, sans sucre');

    await expect(sut.verify('cafe\u0301 au lait, sans sucre', stored)).resolves.toBe(true);
  });

  it('salts every hash, so one password hashes differently twice', async () => {
    const first = await sut.hash(password);
    const second = await sut.hash(password);

    expect(first).not.toBe(second);
    await expect(sut.verify(password, second)).resolves.toBe(true);
  });

  it('verifies a hash made with another cost and asks for it to be rehashed', async () => {
    const stored = await passwordService(11).hash(password);

    await expect(sut.verify(password, stored)).resolves.toBe(true);
    expect(sut.needsRehash(stored)).toBe(true);
  });

  it('does not ask to rehash a hash made with the current cost', async () => {
    const stored = await sut.hash(password);

    expect(sut.needsRehash(stored)).toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['a plain-text password', password],
    ['another algorithm', '$2b$10$abcdefghijklmnopqrstuuJ3v6bG9d0O9y9m9b9m9b9m9b9m9b9m'],
    ['a hash missing its key', 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA=='],
    ['a hash with an extra part', 'scrypt$10$8$1$c2FsdA==$a2V5$extra'],
    ['a key that is not base64', 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$!!!!'],
    ['a truncated key', 'scrypt$10$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5'],
    ['a cost that is not a number', 'scrypt$abc$8$1$c2FsdA==$a2V5'],
    ['a block size that is not a number', 'scrypt$10$x$1$c2FsdA==$a2V5'],
    ['a zero cost', 'scrypt$0$8$1$c2FsdA==$a2V5'],
    ['a cost too large to compute', 'scrypt$64$8$1$c2FsdA==$a2V5'],
    ['a cost that would take gigabytes of memory', 'scrypt$24$8$1$c2FsdA==$a2V5'],
  ])('verifies %s as false without throwing', async (_label, stored) => {
    await expect(sut.verify(password, stored)).resolves.toBe(false);
  });

  it('refuses a truncated key even when its prefix matches', async () => {
    const stored = await sut.hash(password);
    const parts = stored.split('$');
    const truncated = Buffer.from(parts[5], 'base64').subarray(0, 16).toString('base64');

    await expect(sut.verify(password, [...parts.slice(0, 5), truncated].join('$'))).resolves.toBe(false);
  });

  it('answers false when verifying against no account', async () => {
    await expect(sut.verifyAgainstNothing(password)).resolves.toBe(false);
  });
});
