import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode, RetryLaterError } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { DataSource } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../permissions/principal';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordService } from './password.service';
import type { RequestMeta } from './request-meta.decorator';
import { SessionsService } from './sessions.service';
import { IdentityErrorCode } from '../identity.errors';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
}

export interface SignedIn {
  user: User;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
    private readonly jwt: JwtService,
    private readonly limiter: LoginRateLimiter,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
    private readonly tokens: AccessTokens,
  ) {}

  /**
   * Checks e-mail and password under the sign-in limits. The attempt counts as
   * a failure from its admission until it proves the password.
   */
  async validateCredentials(email: string, password: string, meta: RequestMeta): Promise<User> {
    const account = email.trim().toLowerCase();
    const admission = await this.limiter.admit(account, meta.ip);
    if (!admission.admitted) {
      const wait = admission.retryAfterSeconds;
      await this.audit.record(AuditEventType.LoginThrottled, { ip: meta.ip, details: { email: account } });
      throw new RetryLaterError(IdentityErrorCode.TooManyAttempts, `Too many sign-in attempts; try again in ${wait} s`, wait);
    }
    const user = await this.users.findByEmail(account);
    const valid = user ? await this.passwords.verify(password, user.passwordHash) : await this.passwords.verifyAgainstNothing(password);
    if (!user || !valid) {
      await this.audit.record(AuditEventType.LoginFailed, { actorId: user?.id ?? null, ip: meta.ip, details: { email: account } });
      throw new DomainError(IdentityErrorCode.InvalidCredentials, 'Wrong e-mail address or password');
    }
    if (user.disabledAt) {
      await this.audit.record(AuditEventType.LoginFailed, { actorId: user.id, ip: meta.ip, details: { email: account, reason: 'disabled' } });
      throw new DomainError(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    }
    await this.limiter.succeeded(admission.attempt);
    if (this.passwords.needsRehash(user.passwordHash)) {
      user.passwordHash = await this.passwords.hash(password);
      await this.dataSource.getRepository(User).update({ id: user.id }, { passwordHash: user.passwordHash });
    }
    return user;
  }

  /** Opens a session for a user whose identity has been proven. */
  async signIn(userId: string, meta: RequestMeta): Promise<SignedIn> {
    const { session, token } = await this.sessions.start(userId, meta);
    await this.audit.record(AuditEventType.LoginSucceeded, { actorId: userId, targetType: 'session', targetId: session.id, ip: meta.ip });
    const user = await this.users.get(userId);
    return { user, refreshToken: token, ...this.accessToken(user.id, session.id) };
  }

  async refresh(refreshToken: string, meta: RequestMeta): Promise<SignedIn> {
    try {
      const { session, token } = await this.sessions.rotate(refreshToken, meta);
      const user = await this.users.get(session.userId);
      if (user.disabledAt) throw new DomainError(IdentityErrorCode.AccountDisabled, 'This account is disabled');
      return { user, refreshToken: token, ...this.accessToken(user.id, session.id) };
    } catch (error) {
      if (error instanceof DomainError && error.code === IdentityErrorCode.RefreshTokenReused) {
        await this.audit.record(AuditEventType.RefreshTokenReused, { ip: meta.ip });
      }
      throw error;
    }
  }

  /** Ends the session making the request. */
  async signOut(principal: Principal, ip: string): Promise<void> {
    await this.sessions.revoke(principal.sessionId, 'logout');
    await this.audit.record(AuditEventType.Logout, { actorId: principal.userId, targetType: 'session', targetId: principal.sessionId, ip });
  }

  /** Ends the session a refresh cookie belongs to (sign-out when the access token has already expired). */
  async signOutByRefreshToken(refreshToken: string, ip: string): Promise<void> {
    const session = await this.sessions.sessionOfToken(refreshToken);
    if (!session) return;
    if (await this.sessions.revoke(session.id, 'logout')) {
      await this.audit.record(AuditEventType.Logout, { actorId: session.userId, targetType: 'session', targetId: session.id, ip });
    }
  }

  async revokeSession(principal: Principal, sessionId: string, ip: string): Promise<void> {
    const sessions = await this.sessions.listActive(principal.userId);
    if (!sessions.some((s) => s.id === sessionId)) throw new DomainError(ErrorCode.NotFound, 'No such session');
    await this.sessions.revoke(sessionId, 'revoked_by_user');
    await this.audit.record(AuditEventType.SessionRevoked, { actorId: principal.userId, targetType: 'session', targetId: sessionId, ip });
  }

  /** "Sign out of all other devices": ends every session of the caller but the one making the request; returns how many ended. */
  async revokeOtherSessions(principal: Principal, ip: string): Promise<number> {
    const revoked = await this.dataSource.transaction(async (m) => {
      const count = await this.sessions.revokeAllForUser(principal.userId, 'revoked_by_user', m, principal.sessionId);
      if (count > 0) {
        await this.audit.record(AuditEventType.OtherSessionsRevoked, { actorId: principal.userId, targetType: 'user', targetId: principal.userId, ip, details: { count } }, m);
      }
      return count;
    });
    if (revoked > 0) this.accessChanges.publish({ kind: 'sign-out', userId: principal.userId, exceptSessionId: principal.sessionId });
    return revoked;
  }

  /** Changes the password and ends every other session of the user. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const user = await this.users.get(principal.userId);
    if (!(await this.passwords.verify(currentPassword, user.passwordHash))) {
      throw new DomainError(IdentityErrorCode.InvalidCredentials, 'The current password is wrong');
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(User).update({ id: user.id }, { passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() });
      await this.sessions.revokeAllForUser(user.id, 'password_changed', m, principal.sessionId);
      await this.audit.record(AuditEventType.PasswordChanged, { actorId: user.id, targetType: 'user', targetId: user.id, ip }, m);
    });
    this.accessChanges.publish({ kind: 'sign-out', userId: user.id, exceptSessionId: principal.sessionId });
  }

  /**
   * Turns a verified access-token payload into the caller, checking that the
   * session is still active and the account enabled. Shared by HTTP and sockets.
   */
  async principalFromPayload(payload: AccessTokenPayload): Promise<Principal> {
    if (typeof payload?.sub !== 'string' || typeof payload?.sid !== 'string') {
      throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
    }
    const session = await this.sessions.findActive(payload.sid);
    if (!session || session.userId !== payload.sub) {
      throw new DomainError(IdentityErrorCode.SessionRevoked, 'This session has ended; sign in again');
    }
    if (session.disabled) throw new DomainError(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    return { userId: session.userId, sessionId: session.sessionId, email: session.email, platformRole: session.platformRole };
  }

  /** The caller holding a raw access token (an HTTP request's bearer token, a socket handshake's). */
  principalFromToken(token: string): Promise<Principal> {
    return this.principalFromPayload(this.tokens.verify(token));
  }

  private accessToken(userId: string, sessionId: string): { accessToken: string; expiresIn: number } {
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId };
    return { accessToken: this.jwt.sign(payload, { expiresIn }), expiresIn };
  }
}
