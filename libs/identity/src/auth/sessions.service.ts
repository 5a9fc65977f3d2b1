import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, hexEquals, newId, randomSecret, sha256Hex } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { createHmac } from 'node:crypto';
import { DataSource, EntityManager, IsNull, MoreThan, Not, Repository } from 'typeorm';
import { CompiledQuery } from '@plenary/database';
import type { PlatformRole } from '../permissions/permission';
import { AccessChanges } from '../access/access-changes';
import { AuthSession } from './auth-session.entity';
import { RefreshToken } from './refresh-token.entity';
import type { RequestMeta } from './request-meta.decorator';
import { IdentityErrorCode } from '../identity.errors';

export type RevocationReason = 'logout' | 'revoked_by_user' | 'password_changed' | 'password_reset' | 'refresh_token_reused' | 'user_disabled';

interface Successor {
  id: string;
  secret: string;
}

export interface IssuedRefreshToken {
  session: AuthSession;
  /** `<token id>.<secret>`; only its hash is stored. */
  token: string;
}

/** Signed-in sessions and their rotating refresh-token families. */
/** An active session's holder, as a principal is made of. */
export interface ActiveSession {
  sessionId: string;
  userId: string;
  email: string;
  platformRole: PlatformRole;
  disabled: boolean;
}

@Injectable()
export class SessionsService {
  /** Derives successors of refresh tokens; a key of its own, separate from the JWT signing key it comes from. */
  private readonly successorKey: Buffer;

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
  ) {
    this.successorKey = createHmac('sha256', config.auth.jwtSecret).update('plenary refresh-token successors v1').digest();
  }

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
   * Exchanges a refresh token for its successor. A token already exchanged is
   * reuse — a sign that it leaked — and revokes the whole session, except
   * within the grace period after its exchange: then the same browser gets
   * the same successor again (tabs refreshing at once, a retried request whose
   * answer was lost), so that every tab ends up with one cookie. A token whose
   * successor has itself been exchanged is reuse, grace or not.
   */
  async rotate(presented: string, meta: RequestMeta): Promise<IssuedRefreshToken> {
    const [tokenId, secret] = splitToken(presented);
    if (!tokenId || !secret) throw this.invalidToken();
    const successor = this.successorOf(tokenId, secret);
    const outcome = await this.dataSource.transaction(async (m) => {
      const tokens = m.getRepository(RefreshToken);
      let stored = await tokens.findOne({ where: { id: tokenId }, relations: { session: true } });
      if (!stored || !stored.session || !hexEquals(stored.tokenHash, sha256Hex(secret))) return { kind: 'invalid' as const };
      const session = stored.session;
      if (!session.isActive()) return { kind: 'inactive' as const };
      if (stored.usedAt === null) {
        // Conditional update: of concurrent exchanges of one token, one inserts the successor; on
        // PostgreSQL the others wait here for it to commit, then find the token used and repeat it.
        const claimed = await tokens.update({ id: stored.id, usedAt: IsNull() }, { usedAt: new Date() });
        if (claimed.affected === 1) {
          await tokens.insert({ id: successor.id, sessionId: session.id, tokenHash: sha256Hex(successor.secret), createdAt: new Date(), usedAt: null });
          session.lastUsedAt = new Date();
          session.ipAddress = meta.ip;
          if (meta.userAgent) session.userAgent = meta.userAgent;
          await m.getRepository(AuthSession).save(session);
          return { kind: 'rotated' as const, session };
        }
        stored = await tokens.findOneByOrFail({ id: tokenId });
      }
      return (await this.isRepeat(m, stored, session, successor, meta)) ? { kind: 'rotated' as const, session } : { kind: 'reused' as const, session };
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
        return { session: outcome.session, token: `${successor.id}.${successor.secret}` };
    }
  }

  /**
   * A second presentation of an exchanged token is a repeat, not reuse, while
   * the grace lasts, from the browser that exchanged it (its user agent, when
   * both requests name one: addresses may differ between two requests of one
   * browser), as long as the successor has not been exchanged in turn.
   */
  private async isRepeat(m: EntityManager, stored: RefreshToken, session: AuthSession, successor: Successor, meta: RequestMeta): Promise<boolean> {
    const graceMs = this.config.auth.refreshGraceSeconds * 1000;
    if (stored.usedAt === null || Date.now() - stored.usedAt.getTime() >= graceMs) return false;
    // Read again: the exchange may have committed after this request loaded the session, recording its user agent.
    const exchangedBy = (await m.getRepository(AuthSession).findOneBy({ id: session.id }))?.userAgent ?? null;
    if (meta.userAgent && exchangedBy && meta.userAgent !== exchangedBy) return false;
    const next = await m.getRepository(RefreshToken).findOneBy({ id: successor.id });
    return next !== null && next.sessionId === session.id && next.usedAt === null && hexEquals(next.tokenHash, sha256Hex(successor.secret));
  }

  /**
   * The successor of a token is derived from it with a key of the server's, so
   * that a repeat within the grace can give the same token again while only
   * hashes are stored; without the key, a token says nothing of its successor.
   */
  private successorOf(tokenId: string, secret: string): Successor {
    const derive = (purpose: string) => createHmac('sha256', this.successorKey).update(`${purpose}\0${tokenId}.${secret}`).digest();
    const id = derive('id').subarray(0, 16);
    // Shaped as a UUID (version 8: application-defined), like every other token id.
    id[6] = (id[6] & 0x0f) | 0x80;
    id[8] = (id[8] & 0x3f) | 0x80;
    const hex = id.toString('hex');
    return {
      id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      secret: derive('secret').toString('base64url'),
    };
  }

  /** Finds the session a refresh token belongs to without consuming it (for logout by cookie). */
  async sessionOfToken(presented: string): Promise<AuthSession | null> {
    const [tokenId, secret] = splitToken(presented);
    if (!tokenId || !secret) return null;
    const stored = await this.dataSource.getRepository(RefreshToken).findOne({ where: { id: tokenId }, relations: { session: true } });
    if (!stored || !hexEquals(stored.tokenHash, sha256Hex(secret))) return null;
    return stored.session ?? null;
  }

  /**
   * Who holds an active session, as every authenticated request asks: one
   * query, compiled once (`CompiledQuery`), reading only what a principal
   * is made of.
   */
  async findActive(sessionId: string): Promise<ActiveSession | null> {
    const [row] = await (this.activeSession ??= new CompiledQuery(this.dataSource, ['sessionId', 'now'], (p) =>
      this.sessions
        .createQueryBuilder('session')
        .innerJoin('session.user', 'user')
        .select('session.id', 'sessionId')
        .addSelect('session.userId', 'userId')
        .addSelect('user.email', 'email')
        .addSelect('user.platformRole', 'platformRole')
        .addSelect('user.disabledAt', 'disabledAt')
        .where('session.id = :sessionId AND session.revokedAt IS NULL AND session.expiresAt > :now', { sessionId: p.sessionId, now: p.now }),
    )).run<Omit<ActiveSession, 'disabled'> & { disabledAt: unknown }>({ sessionId, now: new Date() });
    if (!row) return null;
    const { disabledAt, ...holder } = row;
    return { ...holder, disabled: disabledAt !== null };
  }
  private activeSession?: CompiledQuery<'sessionId' | 'now'>;

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
