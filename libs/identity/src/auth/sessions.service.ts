import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, hexEquals, newId, randomSecret, sha256Hex } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { DataSource, EntityManager, IsNull, MoreThan, Not, Repository } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuthSession } from './auth-session.entity';
import { RefreshToken } from './refresh-token.entity';
import type { RequestMeta } from './request-meta.decorator';
import { IdentityErrorCode } from '../identity.errors';

export type RevocationReason = 'logout' | 'revoked_by_user' | 'password_changed' | 'refresh_token_reused' | 'user_disabled';

export interface IssuedRefreshToken {
  session: AuthSession;
  /** `<token id>.<secret>`; only its hash is stored. */
  token: string;
}

/** Signed-in sessions and their rotating refresh-token families. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
  ) {}

  async start(userId: string, meta: RequestMeta, manager?: EntityManager): Promise<IssuedRefreshToken> {
    const run = async (m: EntityManager) => {
      const now = new Date();
      const session = m.getRepository(AuthSession).create({
        id: newId(),
        userId,
        userAgent: meta.userAgent,
        ipAddress: meta.ip,
        createdAt: now,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000),
        revokedAt: null,
        revokedReason: null,
      });
      await m.getRepository(AuthSession).save(session);
      const token = await this.issueToken(m, session.id);
      return { session, token };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Exchanges a refresh token for its successor. A token that was already
   * exchanged is reuse — a sign that it leaked — and revokes the whole session.
   */
  async rotate(presented: string, meta: RequestMeta): Promise<IssuedRefreshToken> {
    const [tokenId, secret] = splitToken(presented);
    if (!tokenId || !secret) throw this.invalidToken();
    const outcome = await this.dataSource.transaction(async (m) => {
      const tokens = m.getRepository(RefreshToken);
      const stored = await tokens.findOne({ where: { id: tokenId }, relations: { session: true } });
      if (!stored || !stored.session || !hexEquals(stored.tokenHash, sha256Hex(secret))) return { kind: 'invalid' as const };
      const session = stored.session;
      if (!session.isActive()) return { kind: 'inactive' as const };
      if (stored.usedAt !== null) return { kind: 'reused' as const, session };
      // Conditional update: of two concurrent exchanges of one token, only one wins.
      const claimed = await tokens.update({ id: stored.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (claimed.affected !== 1) return { kind: 'reused' as const, session };
      session.lastUsedAt = new Date();
      session.ipAddress = meta.ip;
      if (meta.userAgent) session.userAgent = meta.userAgent;
      await m.getRepository(AuthSession).save(session);
      return { kind: 'rotated' as const, session, token: await this.issueToken(m, session.id) };
    });
    switch (outcome.kind) {
      case 'invalid':
        throw this.invalidToken();
      case 'inactive':
        throw new DomainError(IdentityErrorCode.SessionRevoked, 'This session has ended; sign in again');
      case 'reused':
        await this.revoke(outcome.session.id, 'refresh_token_reused');
        throw new DomainError(IdentityErrorCode.RefreshTokenReused, 'This sign-in was used elsewhere and has been ended; sign in again');
      case 'rotated':
        return { session: outcome.session, token: outcome.token };
    }
  }

  /** Finds the session a refresh token belongs to without consuming it (for logout by cookie). */
  async sessionOfToken(presented: string): Promise<AuthSession | null> {
    const [tokenId, secret] = splitToken(presented);
    if (!tokenId || !secret) return null;
    const stored = await this.dataSource.getRepository(RefreshToken).findOne({ where: { id: tokenId }, relations: { session: true } });
    if (!stored || !hexEquals(stored.tokenHash, sha256Hex(secret))) return null;
    return stored.session ?? null;
  }

  findActive(sessionId: string): Promise<AuthSession | null> {
    return this.sessions.findOne({ where: { id: sessionId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) }, relations: { user: true } });
  }

  listActive(userId: string): Promise<AuthSession[]> {
    return this.sessions.find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { lastUsedAt: 'DESC' },
    });
  }

  /**
   * Revokes one session; returns false when it was not active. Its live
   * connections close, at once when no transaction is given, else once the
   * caller publishes the sign-out after committing.
   */
  async revoke(sessionId: string, reason: RevocationReason, manager?: EntityManager): Promise<boolean> {
    const repo = manager ? manager.getRepository(AuthSession) : this.sessions;
    const result = await repo.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
    if (!manager && result.affected === 1) this.accessChanges.publish({ kind: 'sign-out', sessionIds: [sessionId] });
    return result.affected === 1;
  }

  /** Like `revoke`, for every session of a user but one. */
  async revokeAllForUser(userId: string, reason: RevocationReason, manager?: EntityManager, exceptSessionId?: string): Promise<number> {
    const repo = manager ? manager.getRepository(AuthSession) : this.sessions;
    const where = exceptSessionId ? { userId, revokedAt: IsNull(), id: Not(exceptSessionId) } : { userId, revokedAt: IsNull() };
    const result = await repo.update(where, { revokedAt: new Date(), revokedReason: reason });
    if (!manager && result.affected) this.accessChanges.publish({ kind: 'sign-out', userId, exceptSessionId });
    return result.affected ?? 0;
  }

  private async issueToken(m: EntityManager, sessionId: string): Promise<string> {
    const secret = randomSecret();
    const id = newId();
    await m.getRepository(RefreshToken).insert({ id, sessionId, tokenHash: sha256Hex(secret), createdAt: new Date(), usedAt: null });
    return `${id}.${secret}`;
  }

  private invalidToken(): DomainError {
    return new DomainError(IdentityErrorCode.RefreshTokenInvalid, 'Sign in again');
  }
}

/** `<token id>.<secret>`, exactly; anything else is not a token of ours. */
function splitToken(presented: string): [string, string] | [] {
  const parts = presented.split('.');
  if (parts.length !== 2 || parts[0].length === 0 || parts[0].length > 36 || parts[1].length === 0 || parts[1].length > 100) return [];
  return [parts[0], parts[1]];
}
