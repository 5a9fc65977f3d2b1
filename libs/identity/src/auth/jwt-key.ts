import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * The access tokens' HMAC key as a key object, made once per process.
 * Given the secret as a string, jsonwebtoken first tries to read it as a
 * PEM public key, fails, and then makes a secret key of it, at every
 * signature and every verification: about a millisecond of every
 * authenticated request and socket handshake.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
