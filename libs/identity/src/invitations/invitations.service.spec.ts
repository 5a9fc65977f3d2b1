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
    sut = new InvitationsService(dataSource.getRepository(Invitation), dataSource, organisations, users, passwords, new LoginRateLimiter(config, new MemoryLoginAttemptStore()), mailer, audit, config, accessChanges);

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

      const userId = await sut.accept(acceptance(token), IP);

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

      await expect(sut.accept(acceptance(token, { displayName: 'Someone Else' }), IP)).resolves.toBe(existing.id);

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
      );
      await users.create({ email: 'ada@example.org', displayName: 'Ada', password: TEST_PASSWORD, platformRole: PlatformRole.Participant });
      const { token } = await invite();
      for (let i = 0; i < 2; i++) {
        await expect(guarded.accept(acceptance(token, { password: `guess number ${i}` }), IP)).rejects.toEqual(domainError(IdentityErrorCode.InvalidCredentials));
      }
      await expect(guarded.accept(acceptance(token), IP)).rejects.toEqual(domainError(IdentityErrorCode.TooManyAttempts));
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

      const userId = await sut.accept(acceptance(token, { email: 'first.admin@example.org' }), IP);

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
