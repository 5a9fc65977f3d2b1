import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * scrypt password hashes in the form `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`.
 * The parameters travel with each hash, so the cost can be raised without
 * invalidating existing passwords.
 */
@Injectable()
export class PasswordService {
  private readonly cost: number;
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cost = config.auth.passwordHashCost;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const r = 8;
    const p = 1;
    const key = await scryptAsync(password, salt, this.options(this.cost, r, p));
    return ['scrypt', this.cost, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [cost, r, p] = parts.slice(1, 4).map(Number);
    // Parameters come from storage: refuse anything outside sane bounds rather than allocate without limit.
    if (![cost, r, p].every(Number.isInteger) || cost < 10 || cost > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
    const salt = Buffer.from(parts[4], 'base64');
    const expected = Buffer.from(parts[5], 'base64');
    const key = await scryptAsync(password, salt, this.options(cost, r, p));
    return key.length === expected.length && timingSafeEqual(key, expected);
  }

  /** Spends the same time as a real verification, so unknown accounts cannot be told apart by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(password, await this.dummyHash);
    return false;
  }

  needsRehash(stored: string): boolean {
    return Number(stored.split('$')[1]) !== this.cost;
  }

  private options(cost: number, r: number, p: number): ScryptOptions {
    const N = 2 ** cost;
    return { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
  }
}
