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
    const { email, password } = this.config.admin;
    if ((await this.users.countActiveHostAdmins()) > 0) {
      if (email) await this.explainIgnoredAdmin(email);
      return;
    }
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

  /**
   * The variables only ever create the first administrator: once there is
   * one, they change nothing, which whoever set them should be told rather
   * than find out at sign-in.
   */
  private async explainIgnoredAdmin(email: string): Promise<void> {
    const existing = await this.users.findByEmail(email);
    if (existing?.platformRole === PlatformRole.HostAdmin && !existing.disabledAt) {
      this.logger.log(`PLENARY_ADMIN_EMAIL is ignored: ${email} is already a host administrator, and PLENARY_ADMIN_PASSWORD does not change its password`);
      return;
    }
    const instead = existing
      ? `${email} keeps its role (${existing.disabledAt ? 'disabled' : existing.platformRole}); a host administrator can change it`
      : `${email} is not created; a host administrator can invite it`;
    this.logger.warn(`PLENARY_ADMIN_EMAIL is ignored: this installation already has a host administrator, so ${instead}`);
  }
}
