import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId, PASSWORD_MIN_LENGTH, randomSecret, sha256Hex } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { MailerService } from '@plenary/mail';
import { DataSource, EntityManager, FindOptionsWhere, IsNull, LessThanOrEqual, MoreThan, Not, Repository } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { PasswordService } from '../auth/password.service';
import { Membership } from '../organisations/membership.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { PlatformRole, outranks } from '../permissions/permission';
import { User } from '../users/user.entity';
import type { Principal } from '../permissions/principal';
import { UsersService } from '../users/users.service';
import { AcceptInvitationDto, CreateInvitationDto, InvitationPreviewDto, ListInvitationsQueryDto } from './invitation.dto';
import { Invitation, InvitationKind } from './invitation.entity';
import { IdentityErrorCode } from '../identity.errors';

export interface IssuedInvitation {
  invitation: Invitation;
  /** The one-time link; it exists only here and in the message sent. */
  link: string;
}

@Injectable()
export class InvitationsService {
  constructor(
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly limiter: LoginRateLimiter,
    private readonly mailer: MailerService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
  ) {}

  /** Invites a person into an organisation's delegation and mails them the link. Earlier pending invitations for the same place are revoked. */
  async invite(actor: Principal, dto: CreateInvitationDto, ip: string): Promise<IssuedInvitation> {
    // A membership opens a delegation's private side: nobody grants one to themselves. Another administrator may, on the record.
    if (dto.email.trim().toLowerCase() === actor.email.trim().toLowerCase()) {
      throw new DomainError(ErrorCode.Forbidden, 'You cannot invite yourself; ask another host administrator');
    }
    const issued = await this.dataSource.transaction(async (m) => {
      const organisation = await this.organisations.get(dto.organisationId, m);
      const existingUser = await this.users.findByEmail(dto.email, m);
      if (existingUser && (await m.getRepository(Membership).exists({ where: { userId: existingUser.id, organisationId: organisation.id } }))) {
        throw new DomainError(ErrorCode.Conflict, 'This person is already a member of this organisation');
      }
      await m
        .getRepository(Invitation)
        .update({ email: dto.email, organisationId: organisation.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      const issued = await this.issue(m, {
        kind: InvitationKind.Invitation,
        email: dto.email,
        organisationId: organisation.id,
        delegationRole: dto.delegationRole,
        platformRole: dto.platformRole ?? PlatformRole.Participant,
        invitedById: actor.userId,
      });
      issued.invitation.organisation = organisation;
      const days = Math.round(this.config.auth.invitationTtlSeconds / 86_400);
      await this.mailer.enqueue(
        {
          to: dto.email,
          subject: `Invitation to join the ${organisation.shortName} delegation on Plenary`,
          text: [
            `You are invited to join the delegation of ${organisation.name} on Plenary as ${dto.delegationRole}.`,
            '',
            `Accept the invitation: ${issued.link}`,
            '',
            `The link works once and expires in ${days} day(s).`,
          ].join('\n'),
        },
        m,
      );
      await this.audit.record(
        AuditEventType.InvitationCreated,
        {
          actorId: actor.userId,
          targetType: 'invitation',
          targetId: issued.invitation.id,
          ip,
          details: { email: dto.email, organisationId: organisation.id, delegationRole: dto.delegationRole, platformRole: issued.invitation.platformRole },
        },
        m,
      );
      return issued;
    });
    await this.mailer.deliverPending();
    return issued;
  }

  /** The one-time link that lets the first host administrator create their account. */
  async issueSetupLink(): Promise<IssuedInvitation> {
    return this.dataSource.transaction(async (m) => {
      await m.getRepository(Invitation).update({ kind: InvitationKind.Setup, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      return this.issue(m, {
        kind: InvitationKind.Setup,
        email: null,
        organisationId: null,
        delegationRole: null,
        platformRole: PlatformRole.HostAdmin,
        invitedById: null,
      });
    });
  }

  list(query: ListInvitationsQueryDto): Promise<Invitation[]> {
    const now = new Date();
    const where: FindOptionsWhere<Invitation> = { kind: InvitationKind.Invitation };
    if (query.organisationId) where.organisationId = query.organisationId;
    switch (query.status) {
      case 'pending':
        Object.assign(where, { acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) });
        break;
      case 'accepted':
        Object.assign(where, { acceptedAt: Not(IsNull()) });
        break;
      case 'revoked':
        Object.assign(where, { revokedAt: Not(IsNull()) });
        break;
      case 'expired':
        Object.assign(where, { acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: LessThanOrEqual(now) });
        break;
    }
    return this.invitations.find({ where, relations: { organisation: true }, order: { createdAt: 'DESC' }, take: 500 });
  }

  async revoke(actor: Principal, id: string, ip: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const result = await m
        .getRepository(Invitation)
        .update({ id, kind: InvitationKind.Invitation, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw new DomainError(IdentityErrorCode.InvitationNotFound, 'No pending invitation with this id');
      await this.audit.record(AuditEventType.InvitationRevoked, { actorId: actor.userId, targetType: 'invitation', targetId: id, ip }, m);
    });
  }

  async preview(token: string): Promise<InvitationPreviewDto> {
    const invitation = await this.usable(this.dataSource.manager, token);
    return {
      kind: invitation.kind,
      email: invitation.email,
      organisationName: invitation.organisation?.name ?? null,
      delegationRole: invitation.delegationRole,
      platformRole: invitation.platformRole,
      expiresAt: invitation.expiresAt.toISOString(),
      accountExists: invitation.email ? (await this.users.findByEmail(invitation.email)) !== null : false,
    };
  }

  /**
   * Accepts a link: creates the account (or, for an address that already has
   * one, checks its password) and the membership, all or nothing. Returns the
   * user id to sign in.
   */
  async accept(dto: AcceptInvitationDto, ip: string): Promise<string> {
    const userId = await this.dataSource.transaction(async (m) => {
      const invitation = await this.usable(m, dto.token);
      const email = invitation.kind === InvitationKind.Setup ? dto.email : invitation.email;
      if (!email) throw new DomainError(ErrorCode.ValidationFailed, 'email is required to set up the first administrator');

      let user = await this.users.findByEmail(email, m);
      if (user) {
        if (invitation.kind === InvitationKind.Setup) throw new DomainError(IdentityErrorCode.EmailTaken, 'An account with this e-mail address already exists');
        await this.proveExistingAccount(user, dto.password, ip);
        if (outranks(invitation.platformRole, user.platformRole)) {
          await this.audit.record(
            AuditEventType.RoleChanged,
            { actorId: invitation.invitedById, targetType: 'user', targetId: user.id, ip, details: { from: user.platformRole, to: invitation.platformRole } },
            m,
          );
          user.platformRole = invitation.platformRole;
          await m.getRepository(User).save(user);
        }
      } else {
        if (!dto.displayName) throw new DomainError(ErrorCode.ValidationFailed, 'displayName is required to create an account');
        if (dto.password.length < PASSWORD_MIN_LENGTH) {
          throw new DomainError(ErrorCode.ValidationFailed, `password must be longer than or equal to ${PASSWORD_MIN_LENGTH} characters`);
        }
        user = await this.users.create({ email, displayName: dto.displayName, password: dto.password, platformRole: invitation.platformRole }, m);
      }
      if (invitation.organisationId && invitation.delegationRole) {
        await this.organisations.addMember(invitation.organisationId, user.id, invitation.delegationRole, m);
      }
      // Conditional update: a link accepted twice at once creates one account.
      const claimed = await m
        .getRepository(Invitation)
        .update({ id: invitation.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { acceptedAt: new Date(), acceptedById: user.id });
      if (claimed.affected !== 1) throw new DomainError(IdentityErrorCode.InvitationNotFound, 'This link has already been used');
      await this.audit.record(
        invitation.kind === InvitationKind.Setup ? AuditEventType.AdminCreated : AuditEventType.InvitationAccepted,
        { actorId: user.id, targetType: 'invitation', targetId: invitation.id, ip, details: { email, organisationId: invitation.organisationId } },
        m,
      );
      return user.id;
    });
    this.accessChanges.publish({ kind: 'person', userId });
    return userId;
  }

  /** An existing account joins only with its own password, under the sign-in limits, and only if enabled. */
  private async proveExistingAccount(user: User, password: string, ip: string): Promise<void> {
    const admission = await this.limiter.admit(user.email, ip);
    if (!admission.admitted) {
      const wait = admission.retryAfterSeconds;
      throw new DomainError(IdentityErrorCode.TooManyAttempts, `Too many attempts; try again in ${wait} s`, { 'Retry-After': String(wait) });
    }
    if (!(await this.passwords.verify(password, user.passwordHash))) {
      throw new DomainError(IdentityErrorCode.InvalidCredentials, 'An account with this address exists: enter its password to accept');
    }
    if (user.disabledAt) throw new DomainError(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    await this.limiter.succeeded(admission.attempt);
  }

  private async usable(m: EntityManager, token: string): Promise<Invitation> {
    const invitation = await m.getRepository(Invitation).findOne({ where: { tokenHash: sha256Hex(token) }, relations: { organisation: true } });
    if (!invitation || invitation.revokedAt || invitation.acceptedAt) {
      throw new DomainError(IdentityErrorCode.InvitationNotFound, 'This link is not valid or has already been used');
    }
    if (invitation.expiresAt.getTime() <= Date.now()) throw new DomainError(IdentityErrorCode.InvitationExpired, 'This link has expired; ask for a new one');
    return invitation;
  }

  private async issue(
    m: EntityManager,
    fields: Pick<Invitation, 'kind' | 'email' | 'organisationId' | 'delegationRole' | 'platformRole' | 'invitedById'>,
  ): Promise<IssuedInvitation> {
    const token = randomSecret();
    const now = new Date();
    const invitation = m.getRepository(Invitation).create({
      ...fields,
      id: newId(),
      tokenHash: sha256Hex(token),
      expiresAt: new Date(now.getTime() + this.config.auth.invitationTtlSeconds * 1000),
      acceptedAt: null,
      acceptedById: null,
      revokedAt: null,
      createdAt: now,
    });
    await m.getRepository(Invitation).save(invitation);
    const path = fields.kind === InvitationKind.Setup ? 'setup' : 'invitation';
    return { invitation, link: `${this.config.publicUrl}/${path}?token=${encodeURIComponent(token)}` };
  }
}
