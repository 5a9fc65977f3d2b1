import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import { PlatformRole } from '../permissions/permission';
import { UsersService } from '../users/users.service';

/**
 * A platform without a host administrator cannot be used. When the server
 * starts, one is created from PLENARY_ADMIN_EMAIL/PLENARY_ADMIN_PASSWORD, or a
 * one-time setup link is printed to the console.
 */
@Injectable()
export class FirstAdminService {
  private readonly logger = new Logger('Setup');
  /** The last setup link issued by this process (for the console and for tests). */
  setupLink: string | null = null;

  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ensureHostAdmin(): Promise<void> {
    if ((await this.users.countActiveHostAdmins()) > 0) return;
    const { email, password } = this.config.admin;
    if (email && password) {
      const existing = await this.users.findByEmail(email);
      if (existing) {
        this.logger.warn(`${email} exists but is not an active host administrator; sign in as another administrator to promote it`);
        return;
      }
      const admin = await this.users.create({ email, password, displayName: 'Host administrator', platformRole: PlatformRole.HostAdmin });
      await this.audit.record(AuditEventType.AdminCreated, { actorId: admin.id, targetType: 'user', targetId: admin.id, details: { source: 'environment' } });
      this.logger.log(`Created host administrator ${email} from PLENARY_ADMIN_EMAIL`);
      return;
    }
    const { link, invitation } = await this.invitations.issueSetupLink();
    this.setupLink = link;
    if (this.config.env === 'test') return;
    // Printed on purpose: this is how the first administrator of a fresh installation gets in.
    process.stdout.write(
      `\n  Plenary has no host administrator yet. Open this one-time link to create one\n  (valid until ${invitation.expiresAt.toISOString()}):\n\n    ${link}\n\n`,
    );
  }
}
