import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, localeOr, newId, randomSecret, RetryLaterError, sha256Hex } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { MailerService, renderMail } from '@plenary/mail';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/password.service';
import type { RequestMeta } from '../auth/request-meta.decorator';
import { SessionsService } from '../auth/sessions.service';
import { IdentityErrorCode } from '../identity.errors';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { PASSWORD_RESET_MAIL } from './password-reset-mails';
import { PasswordResetLimiter } from './password-reset-limiter';
import { PasswordResetToken } from './password-reset-token.entity';

/**
 * "Forgot password": a link mailed to the address of an account lets its
 * owner choose a new password, once, within PASSWORD_RESET_TTL_SECONDS.
 * Nothing in the answer to a request tells whether the address has an
 * account: the same answer, at the same speed, since the link is made and
 * mailed after answering.
 */
@Injectable()
export class PasswordResetService implements OnApplicationShutdown {
  private readonly logger = new Logger(PasswordResetService.name);
  /** Links being made after their request was answered. */
  private readonly issuing = new Set<Promise<void>>();

  constructor(
    @InjectRepository(PasswordResetToken) private readonly tokens: Repository<PasswordResetToken>,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly limiter: PasswordResetLimiter,
    private readonly mailer: MailerService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
  ) {}

  /**
   * Counts the request under the reset limits, then answers; the link is made
   * and mailed afterwards, only for an enabled account with this address.
   */
  async request(email: string, meta: RequestMeta): Promise<void> {
    const account = email.trim().toLowerCase();
    const admission = await this.limiter.admit(account, meta.ip);
    if (!admission.admitted) {
      const wait = admission.retryAfterSeconds;
      await this.audit.record(AuditEventType.PasswordResetThrottled, { ip: meta.ip, details: { email: account } });
      throw new RetryLaterError(IdentityErrorCode.TooManyAttempts, `Too many reset requests for this address; try again in ${wait} s`, wait);
    }
    const issuing = this.issue(account, meta.ip).catch((error: unknown) =>
      this.logger.error(`A password-reset link was not made: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.issuing.add(issuing);
    void issuing.finally(() => this.issuing.delete(issuing));
  }

  /**
   * Sets the new password if the link is valid: unused, unexpired, made since
   * the password last changed, for an enabled account. Every session of the
   * account ends, and every other reset link of it stops working.
   */
  async confirm(token: string, newPassword: string, ip: string): Promise<void> {
    const stored = await this.tokens.findOne({ where: { tokenHash: sha256Hex(token) }, relations: { user: true } });
    const user = stored?.user;
    // A password chosen since the link was made voids it: whoever changed it meant the old one to stop mattering.
    if (!stored || !user || stored.usedAt || stored.createdAt.getTime() < user.passwordChangedAt.getTime()) {
      throw new DomainError(IdentityErrorCode.PasswordResetInvalid, 'This link is not valid or has already been used; ask for a new one');
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw new DomainError(IdentityErrorCode.PasswordResetExpired, 'This link has expired; ask for a new one');
    if (user.disabledAt) throw new DomainError(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    // Hashed once the link is known to be good: unknown tokens cost no scrypt.
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (m) => {
      const now = new Date();
      // Conditional update: of two confirmations of one link at once, one sets the password.
      const claimed = await m.getRepository(PasswordResetToken).update({ id: stored.id, usedAt: IsNull() }, { usedAt: now });
      if (claimed.affected !== 1) throw new DomainError(IdentityErrorCode.PasswordResetInvalid, 'This link has already been used; ask for a new one');
      await m.getRepository(PasswordResetToken).update({ userId: user.id, usedAt: IsNull() }, { usedAt: now });
      await m.getRepository(User).update({ id: user.id }, { passwordHash, passwordChangedAt: now, updatedAt: now });
      const ended = await this.sessions.revokeAllForUser(user.id, 'password_reset', m);
      await this.audit.record(AuditEventType.PasswordReset, { actorId: user.id, targetType: 'user', targetId: user.id, ip, details: { sessionsEnded: ended } }, m);
    });
    this.accessChanges.publish({ kind: 'sign-out', userId: user.id });
  }

  /** Lets links being made finish before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.issuing]);
  }

  private async issue(account: string, ip: string): Promise<void> {
    const user = await this.users.findByEmail(account);
    if (!user || user.disabledAt) return;
    const secret = randomSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.auth.passwordResetTtlSeconds * 1000);
    const link = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(secret)}`;
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(PasswordResetToken).insert({ id: newId(), userId: user.id, tokenHash: sha256Hex(secret), createdAt: now, expiresAt, usedAt: null, requestedIp: ip });
      const reader = { locale: localeOr(user.locale), timeZone: user.timeZone };
      await this.mailer.enqueue(renderMail(PASSWORD_RESET_MAIL, user.email, reader, { email: user.email, link, expiresAt }), m);
      await this.audit.record(AuditEventType.PasswordResetRequested, { targetType: 'user', targetId: user.id, ip }, m);
    });
    this.mailer.deliverSoon();
  }
}
