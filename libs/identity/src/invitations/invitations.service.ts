import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_LOCALE, DomainError, ErrorCode, Locale, localeOr, newId, PASSWORD_MIN_LENGTH, randomSecret, RetryLaterError, sha256Hex } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { MailerService, MailReader, renderMail } from '@plenary/mail';
import { DataSource, EntityManager, FindOptionsWhere, In, IsNull, LessThanOrEqual, MoreThan, Not, Repository } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { PasswordService } from '../auth/password.service';
import { DelegationRole, Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { PlatformRole, outranks } from '../permissions/permission';
import { User } from '../users/user.entity';
import type { Principal } from '../permissions/principal';
import { UsersService } from '../users/users.service';
import {
  AcceptInvitationDto,
  InvitationLandingDto,
  InvitationListLineDto,
  InvitationListOutcome,
  InvitationListResultDto,
  InvitationPreviewDto,
  ListInvitationsQueryDto,
} from './invitation.dto';
import { Invitation, InvitationKind } from './invitation.entity';
import { INVITATION_LIST_LIMIT, ListedAddress, listedAddresses, readInvitationList } from './invitation-list';
import { ORGANISATION_INVITATION_MAIL } from './invitation-mails';
import { InvitationSummits } from './invitation-summits';
import { secondsBeforeResend } from './resend-policy';
import { IdentityErrorCode } from '../identity.errors';

/** Where an invitation leads: an organisation's delegation and, for a summit's delegation, a place in that summit. */
export interface InvitationPlace {
  organisationId: string;
  delegationRole: DelegationRole;
  platformRole?: PlatformRole;
  /** The summit, and the per-summit role accepting names the person in (kept by the summits lib). */
  summit?: { id: string; role: string };
  /** For someone without an account: the mails' language and time zone, then their new account's. */
  locale?: Locale;
  timeZone?: string;
}

export interface InvitationRequest extends InvitationPlace {
  email: string;
}

/** A pasted text or an array of addresses (exactly one of them). */
export interface InvitationList {
  csv?: string;
  emails?: string[];
}

/** Limits an operation to the invitations of one summit (its host side manages those only). */
export interface InvitationScope {
  summitId?: string;
}

export interface IssuedInvitation {
  invitation: Invitation;
  /** The one-time link; it exists only here and in the message sent. */
  link: string;
}

export interface AcceptedInvitation {
  userId: string;
  landing: InvitationLandingDto;
}

const COUNT_KEYS: Record<InvitationListOutcome, keyof InvitationListResultDto['counts']> = {
  [InvitationListOutcome.Invited]: 'invited',
  [InvitationListOutcome.AlreadyMember]: 'alreadyMember',
  [InvitationListOutcome.AlreadyInvited]: 'alreadyInvited',
  [InvitationListOutcome.Duplicate]: 'duplicate',
  [InvitationListOutcome.InvalidAddress]: 'invalidAddress',
  [InvitationListOutcome.NotAllowed]: 'notAllowed',
};

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
    private readonly summits: InvitationSummits,
  ) {}

  /**
   * Invites a person and mails them the link. Earlier invitations of the same
   * address to the same place, pending or expired, are revoked.
   */
  async invite(actor: Principal, request: InvitationRequest, ip: string): Promise<IssuedInvitation> {
    const email = request.email.trim().toLowerCase();
    // A membership opens a delegation's private side: nobody grants one to themselves. Another administrator may, on the record.
    if (isOwnAddress(actor, email)) throw new DomainError(ErrorCode.Forbidden, 'You cannot invite yourself; ask another host administrator');
    const issued = await this.dataSource.transaction(async (m) => {
      const organisation = await this.organisations.get(request.organisationId, m);
      const existingUser = await this.users.findByEmail(email, m);
      if (existingUser && (await this.isAlreadyThere(m, existingUser.id, request))) {
        throw new DomainError(
          ErrorCode.Conflict,
          request.summit ? 'This person already has a place in this summit' : 'This person is already a member of this organisation',
        );
      }
      return this.issueInvitation(m, actor, email, request, organisation, existingUser, ip);
    });
    await this.mailer.deliverPending();
    return issued;
  }

  /**
   * Invites everyone on a list to one place, all in one transaction, and says
   * what became of each address: invited, or why not (already there, already
   * invited, listed twice, not an address, the inviter's own). The mails go
   * out after the answer.
   */
  async inviteList(actor: Principal, place: InvitationPlace, list: InvitationList, ip: string): Promise<InvitationListResultDto> {
    if ((list.csv === undefined) === (list.emails === undefined)) throw new DomainError(ErrorCode.ValidationFailed, 'Give either csv or emails');
    const read = list.csv !== undefined ? readInvitationList(list.csv) : listedAddresses(list.emails ?? []);
    if (read.length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'The list holds no address');
    if (read.length > INVITATION_LIST_LIMIT) {
      throw new DomainError(ErrorCode.ValidationFailed, `At most ${INVITATION_LIST_LIMIT} addresses per request; this list holds ${read.length}`);
    }
    const lines = await this.dataSource.transaction(async (m) => {
      const organisation = await this.organisations.get(place.organisationId, m);
      const emails = [...new Set(read.flatMap((r) => (r.email ? [r.email] : [])))];
      const accounts = new Map((await this.users.findByEmails(emails, m)).map((u) => [u.email, u]));
      const alreadyThere = await this.alreadyThere(m, [...accounts.values()].map((u) => u.id), place);
      const pending = emails.length ? await m.getRepository(Invitation).find({ where: { ...this.samePlace(place), email: In(emails), ...PENDING() } }) : [];
      const invited = new Set(pending.map((i) => i.email));
      const seen = new Set<string>();
      const lines: InvitationListLineDto[] = [];
      for (const entry of read) {
        const outcome = listOutcome(entry, actor, seen, accounts, alreadyThere, invited);
        if (outcome !== InvitationListOutcome.Invited) {
          lines.push({ ...entry, outcome, invitationId: null });
          continue;
        }
        const { invitation } = await this.issueInvitation(m, actor, entry.email!, place, organisation, accounts.get(entry.email!) ?? null, ip);
        lines.push({ ...entry, outcome, invitationId: invitation.id });
      }
      return lines;
    });
    this.mailer.deliverSoon();
    const counts = { invited: 0, alreadyMember: 0, alreadyInvited: 0, duplicate: 0, invalidAddress: 0, notAllowed: 0 };
    for (const line of lines) counts[COUNT_KEYS[line.outcome]] += 1;
    return { lines, counts };
  }

  /**
   * Mails an invitation that has not been answered again, with a new link
   * (the old one stops working) valid for a full period again. Each resend
   * waits twice as long as the one before (`resend-policy.ts`).
   */
  async resend(actor: Principal, id: string, ip: string, scope: InvitationScope = {}): Promise<IssuedInvitation> {
    const issued = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Invitation);
      const invitation = await repo.findOne({ where: { id, kind: InvitationKind.Invitation, ...scopeOf(scope) }, relations: { organisation: true } });
      if (!invitation || invitation.acceptedAt || invitation.revokedAt || !invitation.email) {
        throw new DomainError(IdentityErrorCode.InvitationNotFound, 'No open invitation with this id');
      }
      const now = new Date();
      const wait = secondsBeforeResend(invitation.lastSentAt ?? invitation.createdAt, invitation.sentCount, now);
      if (wait > 0) throw this.resentRecently(wait);
      const token = randomSecret();
      const fields = { tokenHash: sha256Hex(token), expiresAt: this.expiryFrom(now), sentCount: invitation.sentCount + 1, lastSentAt: now };
      // Conditional update: of two resends at once, one mails a new link.
      const claimed = await repo.update({ id, sentCount: invitation.sentCount, acceptedAt: IsNull(), revokedAt: IsNull() }, fields);
      if (claimed.affected !== 1) throw this.resentRecently(secondsBeforeResend(now, invitation.sentCount + 1, now));
      Object.assign(invitation, fields);
      const link = this.linkFor(InvitationKind.Invitation, token);
      await this.mailInvitation(m, invitation, link, await this.users.findByEmail(invitation.email, m));
      await this.audit.record(
        AuditEventType.InvitationResent,
        { actorId: actor.userId, targetType: 'invitation', targetId: id, ip, details: { email: invitation.email, sentCount: invitation.sentCount } },
        m,
      );
      return { invitation, link };
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
        summitId: null,
        summitRole: null,
        locale: DEFAULT_LOCALE,
        timeZone: 'UTC',
        lastSentAt: null,
      });
    });
  }

  list(query: ListInvitationsQueryDto): Promise<Invitation[]> {
    const now = new Date();
    const where: FindOptionsWhere<Invitation> = { kind: InvitationKind.Invitation };
    if (query.organisationId) where.organisationId = query.organisationId;
    if (query.summitId) where.summitId = query.summitId;
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
      case 'open':
        Object.assign(where, { acceptedAt: IsNull(), revokedAt: IsNull() });
        break;
    }
    return this.invitations.find({ where, relations: { organisation: true }, order: { createdAt: 'DESC' }, take: 500 });
  }

  /** How many invitations for a summit are not answered yet (pending or expired), by organisation. */
  async openCountsBySummit(summitId: string): Promise<Map<string, number>> {
    const open = await this.invitations.find({
      where: { kind: InvitationKind.Invitation, summitId, acceptedAt: IsNull(), revokedAt: IsNull() },
      select: { id: true, organisationId: true },
    });
    const counts = new Map<string, number>();
    for (const { organisationId } of open) if (organisationId) counts.set(organisationId, (counts.get(organisationId) ?? 0) + 1);
    return counts;
  }

  async revoke(actor: Principal, id: string, ip: string, scope: InvitationScope = {}): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const result = await m
        .getRepository(Invitation)
        .update({ id, kind: InvitationKind.Invitation, acceptedAt: IsNull(), revokedAt: IsNull(), ...scopeOf(scope) }, { revokedAt: new Date() });
      if (!result.affected) throw new DomainError(IdentityErrorCode.InvitationNotFound, 'No pending invitation with this id');
      await this.audit.record(AuditEventType.InvitationRevoked, { actorId: actor.userId, targetType: 'invitation', targetId: id, ip }, m);
    });
  }

  async preview(token: string): Promise<InvitationPreviewDto> {
    const invitation = await this.usable(this.dataSource.manager, token);
    const summitTitle = invitation.summitId ? ((await this.summits.get().titles([invitation.summitId])).get(invitation.summitId) ?? null) : null;
    return {
      kind: invitation.kind,
      email: invitation.email,
      organisationName: invitation.organisation?.name ?? null,
      delegationRole: invitation.delegationRole,
      platformRole: invitation.platformRole,
      summitId: invitation.summitId,
      summitTitle,
      summitRole: invitation.summitRole,
      locale: invitation.locale,
      expiresAt: invitation.expiresAt.toISOString(),
      accountExists: invitation.email ? (await this.users.findByEmail(invitation.email)) !== null : false,
    };
  }

  /**
   * Accepts a link: creates the account (or, for an address that already has
   * one, checks its password), the membership and, for a summit, the place in
   * it, all or nothing. Returns the user to sign in and where to take them.
   */
  async accept(dto: AcceptInvitationDto, ip: string): Promise<AcceptedInvitation> {
    const accepted = await this.dataSource.transaction(async (m) => {
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
        user = await this.users.create(
          {
            email,
            displayName: dto.displayName,
            password: dto.password,
            platformRole: invitation.platformRole,
            locale: dto.locale ?? invitation.locale,
            timeZone: dto.timeZone ?? invitation.timeZone,
          },
          m,
        );
      }
      if (invitation.organisationId && invitation.delegationRole) {
        // An invitation to a summit's delegation is about the summit: a member keeps their role in the organisation.
        if (invitation.summitId) await this.organisations.ensureMember(invitation.organisationId, user.id, invitation.delegationRole, m);
        else await this.organisations.addMember(invitation.organisationId, user.id, invitation.delegationRole, m);
      }
      if (invitation.summitId) await this.summits.get().seat(invitation, user.id, m);
      // Conditional update: a link accepted twice at once creates one account.
      const claimed = await m
        .getRepository(Invitation)
        .update({ id: invitation.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { acceptedAt: new Date(), acceptedById: user.id });
      if (claimed.affected !== 1) throw new DomainError(IdentityErrorCode.InvitationNotFound, 'This link has already been used');
      await this.audit.record(
        invitation.kind === InvitationKind.Setup ? AuditEventType.AdminCreated : AuditEventType.InvitationAccepted,
        {
          actorId: user.id,
          targetType: 'invitation',
          targetId: invitation.id,
          ip,
          details: { email, organisationId: invitation.organisationId, ...(invitation.summitId ? { summitId: invitation.summitId, summitRole: invitation.summitRole } : {}) },
        },
        m,
      );
      return {
        userId: user.id,
        landing: { summitId: invitation.summitId, organisationId: invitation.organisationId, summitRole: invitation.summitRole },
      };
    });
    this.accessChanges.publish({ kind: 'person', userId: accepted.userId });
    return accepted;
  }

  /** An existing account joins only with its own password, under the sign-in limits, and only if enabled. */
  private async proveExistingAccount(user: User, password: string, ip: string): Promise<void> {
    const admission = await this.limiter.admit(user.email, ip);
    if (!admission.admitted) {
      const wait = admission.retryAfterSeconds;
      throw new RetryLaterError(IdentityErrorCode.TooManyAttempts, `Too many attempts; try again in ${wait} s`, wait);
    }
    if (!(await this.passwords.verify(password, user.passwordHash))) {
      throw new DomainError(IdentityErrorCode.InvalidCredentials, 'An account with this address exists: enter its password to accept');
    }
    if (user.disabledAt) throw new DomainError(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    await this.limiter.succeeded(admission.attempt);
  }

  /** Whether the person is where the invitation would lead: in the organisation, or for a summit, with a place in it. */
  private async isAlreadyThere(m: EntityManager, userId: string, place: InvitationPlace): Promise<boolean> {
    return (await this.alreadyThere(m, [userId], place)).has(userId);
  }

  /** Of these people, those already where the invitation would lead. */
  private async alreadyThere(m: EntityManager, userIds: string[], place: InvitationPlace): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    if (place.summit) {
      const handler = this.summits.get();
      const named = new Set<string>();
      for (const id of userIds) if (await handler.isNamed(place.summit.id, id, m)) named.add(id);
      return named;
    }
    const members = await m.getRepository(Membership).find({ where: { organisationId: place.organisationId, userId: In(userIds) }, select: { id: true, userId: true } });
    return new Set(members.map((x) => x.userId));
  }

  /** Invitations to the same place: the organisation, and the summit or none. */
  private samePlace(place: InvitationPlace): FindOptionsWhere<Invitation> {
    return { kind: InvitationKind.Invitation, organisationId: place.organisationId, summitId: place.summit ? place.summit.id : IsNull() };
  }

  private async issueInvitation(
    m: EntityManager,
    actor: Principal,
    email: string,
    place: InvitationPlace,
    organisation: Organisation,
    account: User | null,
    ip: string,
  ): Promise<IssuedInvitation> {
    await m.getRepository(Invitation).update({ ...this.samePlace(place), email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    const issued = await this.issue(m, {
      kind: InvitationKind.Invitation,
      email,
      organisationId: organisation.id,
      delegationRole: place.delegationRole,
      platformRole: place.platformRole ?? PlatformRole.Participant,
      invitedById: actor.userId,
      summitId: place.summit?.id ?? null,
      summitRole: place.summit?.role ?? null,
      locale: place.locale ?? DEFAULT_LOCALE,
      timeZone: place.timeZone ?? 'UTC',
      lastSentAt: new Date(),
    });
    issued.invitation.organisation = organisation;
    await this.mailInvitation(m, issued.invitation, issued.link, account);
    await this.audit.record(
      AuditEventType.InvitationCreated,
      {
        actorId: actor.userId,
        targetType: 'invitation',
        targetId: issued.invitation.id,
        ip,
        details: {
          email,
          organisationId: organisation.id,
          delegationRole: place.delegationRole,
          platformRole: issued.invitation.platformRole,
          ...(place.summit ? { summitId: place.summit.id, summitRole: place.summit.role } : {}),
        },
      },
      m,
    );
    return issued;
  }

  /** Stores the invitation's mail: in the account's language and zone when the address has one, else in the inviter's choice. */
  private async mailInvitation(m: EntityManager, invitation: Invitation, link: string, account: User | null): Promise<void> {
    const reader: MailReader = account ? { locale: localeOr(account.locale), timeZone: account.timeZone } : { locale: invitation.locale, timeZone: invitation.timeZone };
    const to = invitation.email!;
    const organisation = invitation.organisation!;
    const mail = invitation.summitId
      ? { to, ...(await this.summits.get().mail(invitation, link, reader, m)) }
      : renderMail(ORGANISATION_INVITATION_MAIL, to, reader, {
          organisationName: organisation.name,
          organisationShortName: organisation.shortName,
          delegationRole: invitation.delegationRole!,
          link,
          expiresAt: invitation.expiresAt,
        });
    await this.mailer.enqueue(mail, m);
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
    fields: Pick<
      Invitation,
      'kind' | 'email' | 'organisationId' | 'delegationRole' | 'platformRole' | 'invitedById' | 'summitId' | 'summitRole' | 'locale' | 'timeZone' | 'lastSentAt'
    >,
  ): Promise<IssuedInvitation> {
    const token = randomSecret();
    const now = new Date();
    const invitation = m.getRepository(Invitation).create({
      ...fields,
      id: newId(),
      tokenHash: sha256Hex(token),
      expiresAt: this.expiryFrom(now),
      acceptedAt: null,
      acceptedById: null,
      revokedAt: null,
      sentCount: fields.lastSentAt ? 1 : 0,
      createdAt: now,
    });
    await m.getRepository(Invitation).save(invitation);
    return { invitation, link: this.linkFor(fields.kind, token) };
  }

  private linkFor(kind: InvitationKind, token: string): string {
    const path = kind === InvitationKind.Setup ? 'setup' : 'invitation';
    return `${this.config.publicUrl}/${path}?token=${encodeURIComponent(token)}`;
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.auth.invitationTtlSeconds * 1000);
  }

  private resentRecently(wait: number): RetryLaterError {
    return new RetryLaterError(IdentityErrorCode.InvitationResendTooSoon, `This invitation was mailed recently; it may be sent again in ${wait} s`, wait);
  }
}

/** Not answered yet and still valid. */
const PENDING = (): FindOptionsWhere<Invitation> => ({ acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) });

function isOwnAddress(actor: Principal, email: string): boolean {
  return email === actor.email.trim().toLowerCase();
}

function scopeOf(scope: InvitationScope): FindOptionsWhere<Invitation> {
  return scope.summitId ? { summitId: scope.summitId } : {};
}

/** What to do with one address of a list, the earlier ones having been seen. */
function listOutcome(
  entry: ListedAddress,
  actor: Principal,
  seen: Set<string>,
  accounts: Map<string, User>,
  alreadyThere: Set<string>,
  invited: Set<string | null>,
): InvitationListOutcome {
  if (!entry.email) return InvitationListOutcome.InvalidAddress;
  if (seen.has(entry.email)) return InvitationListOutcome.Duplicate;
  seen.add(entry.email);
  if (isOwnAddress(actor, entry.email)) return InvitationListOutcome.NotAllowed;
  const account = accounts.get(entry.email);
  if (account && alreadyThere.has(account.id)) return InvitationListOutcome.AlreadyMember;
  if (invited.has(entry.email)) return InvitationListOutcome.AlreadyInvited;
  return InvitationListOutcome.Invited;
}
