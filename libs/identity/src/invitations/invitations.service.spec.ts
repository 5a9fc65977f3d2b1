import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode, sha256Hex } from '@plenary/common';
import type { AppConfig } from '@plenary/config';
import { MailerService, MailMessage, MailTransport, OutgoingMail } from '@plenary/mail';
import { DataSource } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEvent, AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { AuthSession } from '../auth/auth-session.entity';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { MemoryLoginAttemptStore } from '../auth/memory-login-attempt.store';
import { PasswordService } from '../auth/password.service';
import { SessionsService } from '../auth/sessions.service';
import { DelegationRole, Membership } from '../organisations/membership.entity';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { PlatformRole } from '../permissions/permission';
import type { Principal } from '../permissions/principal';
import { createTestDataSource, principalOf, saveUser, TEST_PASSWORD, testConfig } from '../testing/identity.factories';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AcceptInvitationDto, CreateInvitationDto } from './invitation.dto';
import { Invitation, InvitationKind } from './invitation.entity';
import { InvitationSummits } from './invitation-summits';
import { InvitationsService } from './invitations.service';
import { IdentityErrorCode } from '../identity.errors';

/** Stands in for SMTP, which cannot run here: records every delivery, or fails while `failure` is set. */
class RecordingMailTransport extends MailTransport {
  readonly deliveries: OutgoingMail[] = [];
  failure: Error | null = null;

  async deliver(mail: OutgoingMail): Promise<void> {
    if (this.failure) throw this.failure;
    this.deliveries.push(mail);
  }
}

function domainError(code: ErrorCode) {
  return expect.objectContaining({ name: DomainError.name, code });
}

function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

const IP = '203.0.113.7';

describe(InvitationsService.name, () => {
  let config: AppConfig;
  let dataSource: DataSource;
  let transport: RecordingMailTransport;
  let passwords: PasswordService;
  let users: UsersService;
  let organisations: OrganisationsService;
  let sut: InvitationsService;
  let admin: Principal;
  let organisation: Organisation;

  beforeAll(() => {
    // A failed delivery is logged as a warning; one test makes it fail on purpose.
    Logger.overrideLogger(false);
  });

  beforeEach(async () => {
    config = testConfig({ PUBLIC_URL: 'https://summit.example.org' });
    dataSource = await createTestDataSource(config);
    transport = new RecordingMailTransport();
    const audit = new AuditService(dataSource.getRepository(AuditEvent));
    const accessChanges = new AccessChanges();
    passwords = new PasswordService(config);
    const sessions = new SessionsService(dataSource.getRepository(AuthSession), dataSource, config, accessChanges);
    users = new UsersService(dataSource.getRepository(User), dataSource, passwords, sessions, audit, accessChanges);
    organisations = new OrganisationsService(dataSource.getRepository(Organisation), dataSource.getRepository(Membership), dataSource, audit, accessChanges);
    const mailer = new MailerService(dataSource.getRepository(MailMessage), transport);
    sut = new InvitationsService(dataSource.getRepository(Invitation), dataSource, organisations, users, passwords, new LoginRateLimiter(config, new MemoryLoginAttemptStore()), mailer, audit, config, accessChanges, new InvitationSummits());

    admin = principalOf(await saveUser(dataSource, { platformRole: PlatformRole.HostAdmin }));
    organisation = await organisations.create(null, { kind: OrganisationKind.State, name: 'Republic of Testland', shortName: 'Testland', countryCode: 'TL' });
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  function invitationTo(email: string, fields: Partial<CreateInvitationDto> = {}): CreateInvitationDto {
    return { email, organisationId: organisation.id, delegationRole: DelegationRole.Delegate, ...fields };
  }

  function acceptance(token: string, fields: Partial<AcceptInvitationDto> = {}): AcceptInvitationDto {
    return { token, displayName: 'Ada Delegate', password: TEST_PASSWORD, ...fields };
  }

  async function invite(email = 'ada@example.org', fields: Partial<CreateInvitationDto> = {}): Promise<{ invitation: Invitation; token: string }> {
    const issued = await sut.invite(admin, invitationTo(email, fields), IP);
    return { invitation: issued.invitation, token: tokenOf(issued.link) };
  }

  function storedInvitation(id: string): Promise<Invitation> {
    return dataSource.getRepository(Invitation).findOneByOrFail({ id });
  }

  describe('invite', () => {
    it('mails a one-time link carrying a token', async () => {
      const issued = await sut.invite(admin, invitationTo('ada@example.org'), IP);

      expect(issued.link).toMatch(/^https:\/\/summit\.example\.org\/invitation\?token=[\w-]{43}$/);
      expect(transport.deliveries).toEqual([
        expect.objectContaining({ to: 'ada@example.org', subject: expect.stringContaining('Testland'), text: expect.stringContaining(issued.link) }),
      ]);
      await expect(dataSource.getRepository(MailMessage).findOneByOrFail({ recipient: 'ada@example.org' })).resolves.toMatchObject({
        sentAt: expect.any(Date),
      });
    });

    it('stores only the hash of the token', async () => {
      const { invitation, token } = await invite();

      const rows: Record<string, unknown>[] = await dataSource.query('SELECT * FROM invitations WHERE id = ?', [invitation.id]);

      expect(rows[0].token_hash).toBe(sha256Hex(token));
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('records who invited whom in the audit log', async () => {
      const { invitation } = await invite();

      await expect(dataSource.getRepository(AuditEvent).findOneByOrFail({ type: AuditEventType.InvitationCreated })).resolves.toMatchObject({
        actorId: admin.userId,
        targetId: invitation.id,
        ipAddress: IP,
        details: expect.objectContaining({ email: 'ada@example.org', organisationId: organisation.id }),
      });
    });

    it('keeps the invitation and its message when delivery fails', async () => {
      transport.failure = new Error('connect ECONNREFUSED 127.0.0.1:25');

      const { token } = await invite();

      await expect(sut.preview(token)).resolves.toMatchObject({ email: 'ada@example.org' });
      await expect(dataSource.getRepository(MailMessage).findOneByOrFail({ recipient: 'ada@example.org' })).resolves.toMatchObject({
        sentAt: null,
        attempts: 1,
      });
    });

    it('revokes an earlier pending invitation for the same address and organisation', async () => {
      const first = await invite();

      const second = await invite();

      await expect(sut.preview(first.token)).rejects.toEqual(domainError(IdentityErrorCode.InvitationNotFound));
      await expect(storedInvitation(first.invitation.id)).resolves.toMatchObject({ revokedAt: expect.any(Date) });
      await expect(sut.preview(second.token)).resolves.toMatchObject({ email: 'ada@example.org' });
    });

    it('leaves an invitation to another organisation untouched', async () => {
      const other = await organisations.create(null, { kind: OrganisationKind.Company, name: 'Acme Corporation', shortName: 'Acme' });
      const first = await invite();

      await invite('ada@example.org', { organisationId: other.id });

      await expect(sut.preview(first.token)).resolves.toMatchObject({ organisationName: 'Republic of Testland' });
    });

    it('refuses to invite a person who is already a member', async () => {
      const { token } = await invite();
      await sut.accept(acceptance(token), IP);

      await expect(sut.invite(admin, invitationTo('ada@example.org'), IP)).rejects.toEqual(domainError(ErrorCode.Conflict));
    });

    it('refuses an invitation addressed to the inviter, and sends nothing', async () => {
      await expect(sut.invite(admin, invitationTo(admin.email.toUpperCase()), IP)).rejects.toEqual(domainError(ErrorCode.Forbidden));
      expect(transport.deliveries).toEqual([]);
      expect(await dataSource.getRepository(Invitation).count()).toBe(0);
    });

    it('refuses an unknown organisation', async () => {
      await expect(
        sut.invite(admin, invitationTo('ada@example.org', { organisationId: '00000000-0000-4000-8000-000000000000' }), IP),
      ).rejects.toEqual(domainError(IdentityErrorCode.OrganisationNotFound));
      expect(transport.deliveries).toEqual([]);
    });
  });

  describe('preview', () => {
    it('shows what the link grants', async () => {
      const { token } = await invite('ada@example.org', { delegationRole: DelegationRole.Leader });

      await expect(sut.preview(token)).resolves.toEqual({
        kind: InvitationKind.Invitation,
        email: 'ada@example.org',
        organisationName: 'Republic of Testland',
        delegationRole: DelegationRole.Leader,
        platformRole: PlatformRole.Participant,
        summitId: null,
        summitTitle: null,
        summitRole: null,
        locale: 'en',
        expiresAt: expect.any(String),
        accountExists: false,
      });
    });

    it('refuses an expired invitation', async () => {
      const { invitation, token } = await invite();
      await dataSource.getRepository(Invitation).update({ id: invitation.id }, { expiresAt: new Date(Date.now() - 1000) });

      await expect(sut.preview(token)).rejects.toEqual(domainError(IdentityErrorCode.InvitationExpired));
    });

    it('refuses an unknown token', async () => {
      await invite();

      await expect(sut.preview('an-unknown-token-of-some-length')).rejects.toEqual(domainError(IdentityErrorCode.InvitationNotFound));
    });
  });

  describe('accept', () => {
    it('creates the account and the membership the invitation grants', async () => {
      const { invitation, token } = await invite('ada@example.org', { delegationRole: DelegationRole.Advisor });

      const { userId } = await sut.accept(acceptance(token), IP);

      const user = await dataSource.getRepository(User).findOneByOrFail({ id: userId });
      expect(user).toMatchObject({ email: 'ada@example.org', displayName: 'Ada Delegate', platformRole: PlatformRole.Participant });
      await expect(passwords.verify(TEST_PASSWORD, user.passwordHash)).resolves.toBe(true);
      await expect(dataSource.getRepository(Membership).findBy({ userId })).resolves.toEqual([
        expect.objectContaining({ organisationId: organisation.id, delegationRole: DelegationRole.Advisor }),
      ]);
      await expect(storedInvitation(invitation.id)).resolves.toMatchObject({ acceptedAt: expect.any(Date), acceptedById: userId });
    });

    it('refuses a link accepted a second time', async () => {
      const { token } = await invite();
      await sut.accept(acceptance(token), IP);

      await expect(sut.accept(acceptance(token, { password: 'another password entirely' }), IP)).rejects.toEqual(
        domainError(IdentityErrorCode.InvitationNotFound),
      );
    });

    it('refuses an expired invitation and creates no account', async () => {
      const { invitation, token } = await invite();
      await dataSource.getRepository(Invitation).update({ id: invitation.id }, { expiresAt: new Date(Date.now() - 1000) });

      await expect(sut.accept(acceptance(token), IP)).rejects.toEqual(domainError(IdentityErrorCode.InvitationExpired));
      await expect(users.findByEmail('ada@example.org')).resolves.toBeNull();
    });

    it('refuses a revoked invitation', async () => {
      const { invitation, token } = await invite();
      await sut.revoke(admin, invitation.id, IP);

      await expect(sut.accept(acceptance(token), IP)).rejects.toEqual(domainError(IdentityErrorCode.InvitationNotFound));
    });

    it('asks an existing account for its own password, and changes nothing when it is wrong', async () => {
      const existing = await users.create({ email: 'ada@example.org', displayName: 'Ada Existing', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });
      const { invitation, token } = await invite();
      await expect(sut.preview(token)).resolves.toMatchObject({ accountExists: true });

      await expect(sut.accept(acceptance(token, { password: 'not the password of ada' }), IP)).rejects.toEqual(
        domainError(IdentityErrorCode.InvalidCredentials),
      );

      await expect(dataSource.getRepository(Membership).countBy({ userId: existing.id })).resolves.toBe(0);
      await expect(storedInvitation(invitation.id)).resolves.toMatchObject({ acceptedAt: null });
    });

    it('adds an existing account that gives its password, keeping its profile', async () => {
      const existing = await users.create({ email: 'ada@example.org', displayName: 'Ada Existing', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });
      const { token } = await invite();

      await expect(sut.accept(acceptance(token, { displayName: 'Someone Else' }), IP)).resolves.toMatchObject({ userId: existing.id });

      await expect(dataSource.getRepository(User).countBy({ email: 'ada@example.org' })).resolves.toBe(1);
      await expect(dataSource.getRepository(User).findOneByOrFail({ id: existing.id })).resolves.toMatchObject({ displayName: 'Ada Existing' });
      await expect(dataSource.getRepository(Membership).countBy({ userId: existing.id, organisationId: organisation.id })).resolves.toBe(1);
    });
  });

  describe('accept by an existing account', () => {
    it('refuses a disabled account and adds no membership', async () => {
      const existing = await users.create({ email: 'ada@example.org', displayName: 'Ada', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });
      await dataSource.getRepository(User).update({ id: existing.id }, { disabledAt: new Date() });
      const { token } = await invite();

      await expect(sut.accept(acceptance(token), IP)).rejects.toEqual(domainError(IdentityErrorCode.AccountDisabled));
      await expect(dataSource.getRepository(Membership).countBy({ userId: existing.id })).resolves.toBe(0);
    });

    it('raises the platform role to the one the invitation grants, never lowers it', async () => {
      const existing = await users.create({ email: 'ada@example.org', displayName: 'Ada', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });
      const { token } = await invite('ada@example.org', { platformRole: PlatformRole.Secretariat });
      await sut.accept(acceptance(token), IP);
      await expect(dataSource.getRepository(User).findOneByOrFail({ id: existing.id })).resolves.toMatchObject({ platformRole: PlatformRole.Secretariat });

      const second = await organisations.create(null, { kind: OrganisationKind.Company, name: 'Second Org', shortName: 'Second' });
      const again = await sut.invite(admin, { email: 'ada@example.org', organisationId: second.id, delegationRole: DelegationRole.Delegate }, IP);
      const againToken = new URL(again.link).searchParams.get('token')!;
      await sut.accept(acceptance(againToken), IP);
      await expect(dataSource.getRepository(User).findOneByOrFail({ id: existing.id })).resolves.toMatchObject({ platformRole: PlatformRole.Secretariat });
    });

    it('limits password guesses through invitation links like sign-in', async () => {
      const limited = testConfig({ PUBLIC_URL: 'https://summit.example.org', LOGIN_LIMIT_PER_ACCOUNT: '2' });
      const limiter = new LoginRateLimiter(limited, new MemoryLoginAttemptStore());
      const guarded = new InvitationsService(
        dataSource.getRepository(Invitation), dataSource, organisations, users, passwords, limiter,
        new MailerService(dataSource.getRepository(MailMessage), transport), new AuditService(dataSource.getRepository(AuditEvent)), limited, new AccessChanges(),
        new InvitationSummits(),
      );
      await users.create({ email: 'ada@example.org', displayName: 'Ada', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });
      const { token } = await invite();
      for (let i = 0; i < 2; i++) {
        await expect(guarded.accept(acceptance(token, { password: `guess number ${i}` }), IP)).rejects.toEqual(domainError(IdentityErrorCode.InvalidCredentials));
      }
      await expect(guarded.accept(acceptance(token), IP)).rejects.toEqual(domainError(IdentityErrorCode.TooManyAttempts));
    });
  });

  describe('language of the mails', () => {
    it('writes to someone without an account in the language and time zone the inviter chose', async () => {
      const { invitation } = await invite('ada@example.org', { locale: 'fr', timeZone: 'Europe/Paris' });

      expect(transport.deliveries).toEqual([
        expect.objectContaining({ subject: 'Invitation à rejoindre la délégation Testland sur Plenary', text: expect.stringContaining('(rôle : délégué)') }),
      ]);
      const expiry = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(invitation.expiresAt);
      expect(transport.deliveries[0].text).toContain(`à ${expiry} (UTC+`);
    });

    it('writes to an existing account in its own language, whatever the inviter chose', async () => {
      await users.create({ email: 'ada@example.org', displayName: 'Ada', password: TEST_PASSWORD, platformRole: PlatformRole.Participant, locale: 'fr', timeZone: 'UTC' });

      await invite('ada@example.org', { locale: 'en' });

      expect(transport.deliveries[0].subject).toBe('Invitation à rejoindre la délégation Testland sur Plenary');
      expect(transport.deliveries[0].text).toMatch(/jusqu’au \S+ \d+ \S+ \d{4} à \d\d:\d\d \(UTC\)/);
    });

    it('gives the new account the invitation’s language and zone, unless the invitee chooses theirs', async () => {
      const first = await invite('ada@example.org', { locale: 'fr', timeZone: 'Europe/Paris' });
      const second = await invite('grace@example.org', { locale: 'fr', timeZone: 'Europe/Paris' });

      const ada = await sut.accept(acceptance(first.token), IP);
      const grace = await sut.accept(acceptance(second.token, { locale: 'en', timeZone: 'Pacific/Auckland' }), IP);

      await expect(dataSource.getRepository(User).findOneByOrFail({ id: ada.userId })).resolves.toMatchObject({ locale: 'fr', timeZone: 'Europe/Paris' });
      await expect(dataSource.getRepository(User).findOneByOrFail({ id: grace.userId })).resolves.toMatchObject({ locale: 'en', timeZone: 'Pacific/Auckland' });
    });
  });

  describe('inviteList', () => {
    const place = () => ({ organisationId: organisation.id, delegationRole: DelegationRole.Delegate });

    it('invites every address of a pasted list and says what became of each', async () => {
      await users.create({ email: 'member@example.org', displayName: 'Member', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });
      await sut.accept(acceptance((await invite('member@example.org')).token), IP);
      await invite('pending@example.org');
      transport.deliveries.length = 0;

      const result = await sut.inviteList(
        admin,
        place(),
        { csv: ['Name,E-mail', 'Ada,ada@example.org', 'Again,ADA@example.org', 'Member,member@example.org', 'Pending,pending@example.org', 'Nobody,nobody@', `Me,${admin.email}`].join('\n') },
        IP,
      );

      expect(result.lines.map((l) => [l.line, l.email, l.outcome])).toEqual([
        [2, 'ada@example.org', 'invited'],
        [3, 'ada@example.org', 'duplicate'],
        [4, 'member@example.org', 'already_member'],
        [5, 'pending@example.org', 'already_invited'],
        [6, null, 'invalid_address'],
        [7, admin.email, 'not_allowed'],
      ]);
      expect(result.counts).toEqual({ invited: 1, alreadyMember: 1, alreadyInvited: 1, duplicate: 1, invalidAddress: 1, notAllowed: 1 });
      expect(result.lines[0].invitationId).toEqual(expect.any(String));
      await expect(dataSource.getRepository(Invitation).countBy({ email: 'ada@example.org' })).resolves.toBe(1);
      await expect(dataSource.getRepository(MailMessage).countBy({ recipient: 'ada@example.org' })).resolves.toBe(1);
    });

    it('invites an array of addresses', async () => {
      const result = await sut.inviteList(admin, place(), { emails: ['ada@example.org', 'grace@example.org'] }, IP);

      expect(result.counts.invited).toBe(2);
      await expect(dataSource.getRepository(Invitation).countBy({ organisationId: organisation.id })).resolves.toBe(2);
    });

    it('invites again someone whose earlier invitation expired, revoking it', async () => {
      const earlier = await invite('ada@example.org');
      await dataSource.getRepository(Invitation).update({ id: earlier.invitation.id }, { expiresAt: new Date(Date.now() - 1000) });

      const result = await sut.inviteList(admin, place(), { emails: ['ada@example.org'] }, IP);

      expect(result.lines[0].outcome).toBe('invited');
      await expect(storedInvitation(earlier.invitation.id)).resolves.toMatchObject({ revokedAt: expect.any(Date) });
    });

    it('refuses a list longer than 200 addresses, or none, or both forms at once, and invites nobody', async () => {
      const long = Array.from({ length: 201 }, (_, i) => `person${i}@example.org`);

      await expect(sut.inviteList(admin, place(), { csv: long.join('\n') }, IP)).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
      await expect(sut.inviteList(admin, place(), { csv: 'E-mail\n' }, IP)).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
      await expect(sut.inviteList(admin, place(), { csv: 'ada@example.org', emails: ['ada@example.org'] }, IP)).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
      await expect(sut.inviteList(admin, place(), {}, IP)).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
      await expect(dataSource.getRepository(Invitation).count()).resolves.toBe(0);
    });
  });

  describe('resend', () => {
    it('mails a new link valid for a full period, and the old one stops working', async () => {
      const { invitation, token } = await invite();
      await dataSource.getRepository(Invitation).update({ id: invitation.id }, { lastSentAt: new Date(Date.now() - 61_000), expiresAt: new Date(Date.now() - 1000) });

      const resent = await sut.resend(admin, invitation.id, IP);

      await expect(sut.preview(token)).rejects.toEqual(domainError(IdentityErrorCode.InvitationNotFound));
      await expect(sut.preview(tokenOf(resent.link))).resolves.toMatchObject({ email: 'ada@example.org' });
      expect(resent.invitation).toMatchObject({ id: invitation.id, sentCount: 2 });
      expect(resent.invitation.expiresAt.getTime()).toBeGreaterThan(Date.now() + config.auth.invitationTtlSeconds * 1000 - 5000);
      expect(transport.deliveries.map((d) => d.text.includes(resent.link))).toEqual([false, true]);
      await expect(dataSource.getRepository(AuditEvent).findOneByOrFail({ type: AuditEventType.InvitationResent })).resolves.toMatchObject({ targetId: invitation.id });
    });

    it('makes each resend wait twice as long as the one before', async () => {
      const { invitation } = await invite();

      await expect(sut.resend(admin, invitation.id, IP)).rejects.toEqual(expect.objectContaining({ code: IdentityErrorCode.InvitationResendTooSoon, retryAfterSeconds: 60 }));
      await dataSource.getRepository(Invitation).update({ id: invitation.id }, { lastSentAt: new Date(Date.now() - 60_000) });
      await sut.resend(admin, invitation.id, IP);
      await expect(sut.resend(admin, invitation.id, IP)).rejects.toEqual(expect.objectContaining({ code: IdentityErrorCode.InvitationResendTooSoon, retryAfterSeconds: 120 }));
      expect(transport.deliveries).toHaveLength(2);
    });

    it('refuses an accepted or revoked invitation', async () => {
      const accepted = await invite('ada@example.org');
      await sut.accept(acceptance(accepted.token), IP);
      const revoked = await invite('grace@example.org');
      await sut.revoke(admin, revoked.invitation.id, IP);

      await expect(sut.resend(admin, accepted.invitation.id, IP)).rejects.toEqual(domainError(IdentityErrorCode.InvitationNotFound));
      await expect(sut.resend(admin, revoked.invitation.id, IP)).rejects.toEqual(domainError(IdentityErrorCode.InvitationNotFound));
    });
  });

  describe('setup link', () => {
    it('issues a link to the setup page', async () => {
      const { link } = await sut.issueSetupLink();

      expect(link).toMatch(/^https:\/\/summit\.example\.org\/setup\?token=[\w-]{43}$/);
    });

    it('requires an e-mail address to accept', async () => {
      const token = tokenOf((await sut.issueSetupLink()).link);

      await expect(sut.accept(acceptance(token), IP)).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
      await expect(users.countActiveHostAdmins()).resolves.toBe(1);
    });

    it('creates a host administrator without any membership', async () => {
      const token = tokenOf((await sut.issueSetupLink()).link);

      const { userId } = await sut.accept(acceptance(token, { email: 'first.admin@example.org' }), IP);

      await expect(dataSource.getRepository(User).findOneByOrFail({ id: userId })).resolves.toMatchObject({
        email: 'first.admin@example.org',
        platformRole: PlatformRole.HostAdmin,
      });
      await expect(dataSource.getRepository(Membership).countBy({ userId })).resolves.toBe(0);
      await expect(dataSource.getRepository(AuditEvent).findOneByOrFail({ type: AuditEventType.AdminCreated })).resolves.toMatchObject({ actorId: userId });
    });

    it('refuses an address that already has an account', async () => {
      const token = tokenOf((await sut.issueSetupLink()).link);
      await users.create({ email: 'taken@example.org', displayName: 'Taken', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });

      await expect(sut.accept(acceptance(token, { email: 'taken@example.org' }), IP)).rejects.toEqual(domainError(IdentityErrorCode.EmailTaken));
    });

    it('revokes the previous setup link when a new one is issued', async () => {
      const first = tokenOf((await sut.issueSetupLink()).link);
      const second = tokenOf((await sut.issueSetupLink()).link);

      await expect(sut.preview(first)).rejects.toEqual(domainError(IdentityErrorCode.InvitationNotFound));
      await expect(sut.preview(second)).resolves.toMatchObject({ kind: InvitationKind.Setup, platformRole: PlatformRole.HostAdmin });
    });
  });
});
