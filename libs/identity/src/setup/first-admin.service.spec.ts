import { Logger, LoggerService } from '@nestjs/common';
import type { AppConfig } from '@plenary/config';
import { MailerService, MailMessage, MailTransport, OutgoingMail } from '@plenary/mail';
import { DataSource } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { AuthSession } from '../auth/auth-session.entity';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { MemoryLoginAttemptStore } from '../auth/memory-login-attempt.store';
import { PasswordService } from '../auth/password.service';
import { SessionsService } from '../auth/sessions.service';
import { Invitation } from '../invitations/invitation.entity';
import { InvitationSummits } from '../invitations/invitation-summits';
import { InvitationsService } from '../invitations/invitations.service';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { PlatformRole } from '../permissions/permission';
import { createTestDataSource, TEST_PASSWORD, testConfig } from '../testing/identity.factories';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { FirstAdminService } from './first-admin.service';

class NoMail extends MailTransport {
  async deliver(_mail: OutgoingMail): Promise<void> {}
}

/** Keeps what the service logs. */
class RecordingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  log(message: string): void {
    this.lines.push({ level: 'log', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
}

describe(FirstAdminService.name, () => {
  let dataSource: DataSource;
  let users: UsersService;
  let logger: RecordingLogger;

  beforeEach(async () => {
    dataSource = await createTestDataSource(testConfig());
    logger = new RecordingLogger();
    Logger.overrideLogger(logger);
  });

  afterEach(async () => {
    Logger.overrideLogger(new Logger());
    await dataSource.destroy();
  });

  function service(env: Record<string, string> = {}): FirstAdminService {
    const config: AppConfig = testConfig(env);
    const audit = new AuditService(dataSource.getRepository(AuditEvent));
    const accessChanges = new AccessChanges();
    const passwords = new PasswordService(config);
    const sessions = new SessionsService(dataSource.getRepository(AuthSession), dataSource, config, accessChanges);
    users = new UsersService(dataSource.getRepository(User), dataSource, passwords, sessions, audit, accessChanges);
    const organisations = new OrganisationsService(dataSource.getRepository(Organisation), dataSource.getRepository(Membership), dataSource, audit, accessChanges);
    const invitations = new InvitationsService(
      dataSource.getRepository(Invitation), dataSource, organisations, users, passwords, new LoginRateLimiter(config, new MemoryLoginAttemptStore()),
      new MailerService(dataSource.getRepository(MailMessage), new NoMail()), audit, config, accessChanges, new InvitationSummits(),
    );
    return new FirstAdminService(users, invitations, audit, config);
  }

  const fromEnvironment = (email: string) => ({ PLENARY_ADMIN_EMAIL: email, PLENARY_ADMIN_PASSWORD: TEST_PASSWORD });

  it('creates the first host administrator from the environment', async () => {
    await service(fromEnvironment('first@example.org')).ensureHostAdmin();

    await expect(users.findByEmail('first@example.org')).resolves.toMatchObject({ platformRole: PlatformRole.HostAdmin });
    expect(logger.lines).toEqual([{ level: 'log', message: 'Created host administrator first@example.org from PLENARY_ADMIN_EMAIL' }]);
  });

  it('says that PLENARY_ADMIN_EMAIL is ignored, and why, when another host administrator exists', async () => {
    await service(fromEnvironment('first@example.org')).ensureHostAdmin();
    logger.lines.length = 0;

    await service(fromEnvironment('second@example.org')).ensureHostAdmin();

    await expect(users.findByEmail('second@example.org')).resolves.toBeNull();
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'PLENARY_ADMIN_EMAIL is ignored: this installation already has a host administrator, so second@example.org is not created; a host administrator can invite it',
      },
    ]);
  });

  it('names the role an existing account keeps when PLENARY_ADMIN_EMAIL names it', async () => {
    await service(fromEnvironment('first@example.org')).ensureHostAdmin();
    await users.create({ email: 'delegate@example.org', password: TEST_PASSWORD, displayName: 'Delegate', platformRole: PlatformRole.Participant });
    logger.lines.length = 0;

    await service(fromEnvironment('delegate@example.org')).ensureHostAdmin();

    expect(logger.lines).toEqual([{ level: 'warn', message: expect.stringContaining('delegate@example.org keeps its role (participant)') }]);
    await expect(users.findByEmail('delegate@example.org')).resolves.toMatchObject({ platformRole: PlatformRole.Participant });
  });

  it('says calmly that PLENARY_ADMIN_EMAIL changes nothing when it names the administrator already there', async () => {
    await service(fromEnvironment('first@example.org')).ensureHostAdmin();
    logger.lines.length = 0;

    await service({ PLENARY_ADMIN_EMAIL: 'first@example.org', PLENARY_ADMIN_PASSWORD: 'another password entirely' }).ensureHostAdmin();

    expect(logger.lines).toEqual([
      { level: 'log', message: 'PLENARY_ADMIN_EMAIL is ignored: first@example.org is already a host administrator, and PLENARY_ADMIN_PASSWORD does not change its password' },
    ]);
  });

  it('says nothing about the environment when it names no administrator', async () => {
    await service(fromEnvironment('first@example.org')).ensureHostAdmin();
    logger.lines.length = 0;

    await service().ensureHostAdmin();

    expect(logger.lines).toEqual([]);
  });
});
