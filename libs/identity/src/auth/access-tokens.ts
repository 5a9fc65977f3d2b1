import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@plenary/common';
import type { AccessTokenPayload } from './auth.service';

interface Verified {
  readonly payload: AccessTokenPayload;
  /** When the token expires, in milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** Access tokens kept at most, the ones least recently verified going first. */
const KEPT = 10_000;

/**
 * Verifies access tokens (HS256, with an expiry). A client sends the same
 * token with every request until it renews it, so a token whose signature
 * has been checked is kept until it expires and is not checked again: the
 * signature check and the decoding are most of what authenticating a
 * request costs. Whether the session behind a token is still active is not
 * kept here; the caller asks at every request.
 */
@Injectable()
export class AccessTokens {
  private readonly verified = new Map<string, Verified>();

  constructor(private readonly jwt: JwtService) {}

  /** The token's payload, or an `UNAUTHENTICATED` error when it is forged, malformed or expired. */
  verify(token: string, now = Date.now()): AccessTokenPayload {
    const kept = this.verified.get(token);
    if (kept) {
      if (now < kept.expiresAt) return kept.payload;
      this.verified.delete(token);
      throw unauthenticated();
    }
    let payload: AccessTokenPayload & { exp?: unknown };
    try {
      payload = this.jwt.verify<AccessTokenPayload & object>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated();
    }
    // Every token Plenary signs expires; one that does not is not Plenary's to keep.
    if (typeof payload.exp !== 'number') return payload;
    if (this.verified.size >= KEPT) this.verified.delete(this.verified.keys().next().value!);
    const verified: Verified = { payload: Object.freeze({ ...payload }), expiresAt: payload.exp * 1000 };
    this.verified.set(token, verified);
    return verified.payload;
  }

  /** How many verified tokens are kept (for tests and metrics). */
  get size(): number {
    return this.verified.size;
  }
}

function unauthenticated(): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
}
