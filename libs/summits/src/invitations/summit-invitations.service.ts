import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import {
  DelegationRole,
  Invitation,
  InvitationListResultDto,
  InvitationPlace,
  InvitationsService,
  InvitationSummits,
  InvitationSummitsHandler,
  Permission,
  roleHasPermission,
} from '@plenary/identity';
import { MailContent, MailReader } from '@plenary/mail';
import { EntityManager, In, Repository } from 'typeorm';
import type { SummitContext } from '../access/summit-context';
import { SummitMember, SummitRole } from '../access/summit-member.entity';
import { ParticipationService } from '../participation/participation.service';
import { Summit, SummitStatus } from '../summits/summit.entity';
import { BulkSummitInvitationDto, CreateSummitInvitationDto, ListSummitInvitationsQueryDto, SeatRole } from './summit-invitation.dto';
import { SUMMIT_INVITATION_MAIL } from './summit-invitation-mails';

/** Summits whose delegations may be invited: announced and not cancelled (a draft's invitations would reveal it). */
const INVITING: readonly SummitStatus[] = [SummitStatus.Announced, SummitStatus.Live, SummitStatus.Concluded];

/**
 * Invitations to a summit's delegations, made by host administrators and
 * followed by the summit's whole host side (listed, resent, revoked): identity
 * keeps the invitations and mails them; this lib says where they lead (the
 * summit, the delegation, the role), writes their mails, and names the
 * people who accept them, inside identity's transaction.
 */
@Injectable()
export class SummitInvitationsService implements OnModuleInit, InvitationSummitsHandler {
  constructor(
    @InjectRepository(Summit) private readonly summits: Repository<Summit>,
    private readonly participation: ParticipationService,
    private readonly invitations: InvitationsService,
    private readonly registry: InvitationSummits,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** For host administrators on the host side. */
  async invite(ctx: SummitContext, dto: CreateSummitInvitationDto, ip: string): Promise<Invitation> {
    const place = await this.placeIn(ctx, dto);
    return (await this.invitations.invite(ctx.principal, { ...place, email: dto.email }, ip)).invitation;
  }

  /** For host administrators on the host side. */
  async inviteList(ctx: SummitContext, dto: BulkSummitInvitationDto, ip: string): Promise<InvitationListResultDto> {
    const place = await this.placeIn(ctx, dto);
    return this.invitations.inviteList(ctx.principal, place, { csv: dto.csv, emails: dto.emails }, ip);
  }

  /** For the host side: the summit's invitations, newest first. */
  list(ctx: SummitContext, query: ListSummitInvitationsQueryDto): Promise<Invitation[]> {
    return this.invitations.list({ ...query, summitId: ctx.summit.id });
  }

  /** For the host side: only the summit's own invitations. */
  async resend(ctx: SummitContext, invitationId: string, ip: string): Promise<Invitation> {
    return (await this.invitations.resend(ctx.principal, invitationId, ip, { summitId: ctx.summit.id })).invitation;
  }

  /** For the host side: only the summit's own invitations. */
  revoke(ctx: SummitContext, invitationId: string, ip: string): Promise<void> {
    return this.invitations.revoke(ctx.principal, invitationId, ip, { summitId: ctx.summit.id });
  }

  async titles(summitIds: readonly string[]): Promise<Map<string, string>> {
    const summits = summitIds.length ? await this.summits.find({ where: { id: In([...summitIds]) }, select: { id: true, title: true } }) : [];
    return new Map(summits.map((s) => [s.id, s.title]));
  }

  isNamed(summitId: string, userId: string, manager: EntityManager): Promise<boolean> {
    return manager.getRepository(SummitMember).exists({ where: { summitId, userId } });
  }

  async mail(invitation: Invitation, link: string, reader: MailReader, manager: EntityManager): Promise<MailContent> {
    const summit = await manager.getRepository(Summit).findOneByOrFail({ id: invitation.summitId! });
    const organisation = invitation.organisation!;
    return SUMMIT_INVITATION_MAIL[reader.locale](
      {
        summitTitle: summit.title,
        summitStartsAt: summit.startsAt,
        summitTimeZone: summit.timeZone,
        organisationName: organisation.name,
        organisationShortName: organisation.shortName,
        role: invitation.summitRole as SeatRole,
        link,
        expiresAt: invitation.expiresAt,
      },
      reader,
    );
  }

  /**
   * Names the person in the invitation's delegation and role. The invitation
   * is the host side's latest word: a role named before is replaced, a proxy
   * kept.
   */
  async seat(invitation: Invitation, userId: string, manager: EntityManager): Promise<void> {
    const repo = manager.getRepository(SummitMember);
    const summitId = invitation.summitId!;
    const member = (await repo.findOne({ where: { summitId, userId } })) ?? repo.create({ id: newId(), summitId, userId, isProxy: false, createdAt: new Date() });
    member.role = invitation.summitRole as SummitRole;
    member.organisationId = invitation.organisationId;
    await repo.save(member);
  }

  /** Where an invitation of the host side leads: a delegation taking part, named with a place in it; dates in that delegation's zone by default. */
  private async placeIn(
    ctx: SummitContext,
    dto: Pick<CreateSummitInvitationDto, 'organisationId' | 'summitRole' | 'delegationRole' | 'locale' | 'timeZone'>,
  ): Promise<InvitationPlace> {
    // Accepting makes the invitee a member of another organisation's delegation, with sight of its private side:
    // only those who grant memberships anyway may invite, not a chair or co-chair who may come from another delegation.
    if (!roleHasPermission(ctx.principal.platformRole, Permission.InvitationManage)) {
      throw new DomainError(ErrorCode.Forbidden, 'Only host administrators invite into delegations; ask one');
    }
    if (!INVITING.includes(ctx.summit.status)) {
      throw new DomainError(ErrorCode.Conflict, `A ${ctx.summit.status} summit takes no invitations; announce it first`);
    }
    const participation = await this.participation.activeParticipation(ctx.summit.id, dto.organisationId);
    if (!participation) throw new DomainError(ErrorCode.ValidationFailed, 'That organisation does not take part in this summit');
    return {
      organisationId: dto.organisationId,
      delegationRole: dto.delegationRole ?? DelegationRole.Delegate,
      summit: { id: ctx.summit.id, role: dto.summitRole ?? SummitRole.Delegate },
      locale: dto.locale,
      timeZone: dto.timeZone ?? participation.timeZone,
    };
  }
}
