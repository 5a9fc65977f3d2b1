import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmailAddress, IsName, IsSingleLine, IsTimeZone, Locale, LOCALES, Optional } from '@plenary/common';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AccessTokenDto } from '../auth/auth.dto';
import { DelegationRole } from '../organisations/membership.entity';
import { PlatformRole } from '../permissions/permission';
import { Invitation, InvitationKind } from './invitation.entity';
import { INVITATION_LIST_LIMIT } from './invitation-list';
import { resendWaitSeconds } from './resend-policy';

/** The language and time zone of the invitation's mails, and of the account it creates, for someone without an account. */
export class InvitationReaderDto {
  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: 'The mails’ language for someone without an account (an account’s own language wins), and the new account’s' })
  @Optional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Europe/Paris', maxLength: 64, description: 'The time zone of the mails’ dates for someone without an account, and the new account’s; by default the delegation’s for a summit, else UTC' })
  @Optional()
  @IsTimeZone()
  timeZone?: string;
}

export class CreateInvitationDto extends InvitationReaderDto {
  @ApiProperty({ example: 'sherpa@example.org', maxLength: 320 })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: DelegationRole })
  @IsEnum(DelegationRole)
  delegationRole: DelegationRole;

  @ApiPropertyOptional({ enum: PlatformRole, default: PlatformRole.Participant })
  @Optional()
  @IsEnum(PlatformRole)
  platformRole?: PlatformRole;
}

/** A list of people to invite: pasted text, or an array of addresses. */
export class InvitationListDto extends InvitationReaderDto {
  @ApiPropertyOptional({
    description: `A pasted list: one or more addresses per line, alone or among other columns (a name…) separated by commas, semicolons or tabs, quoted as in CSV, or written "Name <address>"; a first line naming the columns is skipped. At most ${INVITATION_LIST_LIMIT} addresses. Give this or \`emails\`.`,
    maxLength: 100_000,
    example: 'Name,E-mail\n"Lovelace, Ada",ada@example.org\nGrace Hopper <grace@example.org>',
  })
  @Optional()
  @IsString()
  @MaxLength(100_000)
  csv?: string;

  @ApiPropertyOptional({ type: [String], maxItems: INVITATION_LIST_LIMIT, description: 'One address per item. Give this or `csv`.', example: ['ada@example.org'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(INVITATION_LIST_LIMIT)
  @IsString({ each: true })
  @MaxLength(400, { each: true })
  emails?: string[];
}

export class BulkInvitationDto extends InvitationListDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: DelegationRole, description: 'The role of every person on the list' })
  @IsEnum(DelegationRole)
  delegationRole: DelegationRole;

  @ApiPropertyOptional({ enum: PlatformRole, default: PlatformRole.Participant })
  @Optional()
  @IsEnum(PlatformRole)
  platformRole?: PlatformRole;
}

/** What became of one address of a list. */
export enum InvitationListOutcome {
  /** Invited: a link is mailed. */
  Invited = 'invited',
  /** Already where the invitation leads (the organisation, or a place in the summit): nothing sent. */
  AlreadyMember = 'already_member',
  /** A pending invitation to the same place exists: nothing sent (resend it instead). */
  AlreadyInvited = 'already_invited',
  /** The same address earlier in the list. */
  Duplicate = 'duplicate',
  InvalidAddress = 'invalid_address',
  /** The inviter's own address: a membership is granted by someone else. */
  NotAllowed = 'not_allowed',
}

export class InvitationListLineDto {
  @ApiProperty({ type: 'integer', description: 'The line of the pasted text, or the position in `emails`, from 1', minimum: 1 }) line: number;
  @ApiProperty({ description: 'What was read' }) input: string;
  @ApiProperty({ nullable: true, type: String, description: 'The address, lower-cased; null when the input is none' }) email: string | null;
  @ApiProperty({ enum: InvitationListOutcome }) outcome: InvitationListOutcome;
  @ApiProperty({ nullable: true, type: String, description: 'The new invitation, for `invited`' }) invitationId: string | null;
}

export class InvitationListCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) invited: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) alreadyMember: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) alreadyInvited: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) duplicate: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) invalidAddress: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) notAllowed: number;
}

export class InvitationListResultDto {
  @ApiProperty({ type: [InvitationListLineDto], description: 'One per address read, in the order of the list' }) lines: InvitationListLineDto[];
  @ApiProperty({ type: InvitationListCountsDto }) counts: InvitationListCountsDto;
}

export class AcceptInvitationDto {
  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsSingleLine(200)
  @MinLength(10)
  token: string;

  @ApiPropertyOptional({ description: 'Required to create an account; ignored when the address already has one', maxLength: 200 })
  @Optional()
  @IsName()
  displayName?: string;

  @ApiProperty({ description: 'A new password (12 characters or more), or the existing password of an account with this address', minLength: 1, maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({ description: 'Only for the first-administrator setup link', maxLength: 320 })
  @Optional()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'The new account’s language (the page’s); by default the invitation’s. Ignored for an existing account' })
  @Optional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Pacific/Auckland', maxLength: 64, description: 'The new account’s time zone (the browser’s); by default the invitation’s. Ignored for an existing account' })
  @Optional()
  @IsTimeZone()
  timeZone?: string;
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The statuses a list can be filtered by: `open` is what is not answered yet, pending or expired. */
export const INVITATION_FILTERS = [...INVITATION_STATUSES, 'open'] as const;
export type InvitationFilter = (typeof INVITATION_FILTERS)[number];

export class ListInvitationsQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_FILTERS, description: '`open`: not accepted yet and not revoked (pending or expired), who has not answered' })
  @Optional()
  @IsIn(INVITATION_FILTERS)
  status?: InvitationFilter;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Invitations made for this summit' })
  @Optional()
  @IsUUID()
  summitId?: string;
}

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.revokedAt) return 'revoked';
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

export class InvitationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: InvitationKind }) kind: InvitationKind;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty({ nullable: true, enum: DelegationRole }) delegationRole: DelegationRole | null;
  @ApiProperty({ enum: PlatformRole }) platformRole: PlatformRole;
  @ApiProperty({ nullable: true, type: String, description: 'The summit the invitation is for, if any' }) summitId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The per-summit role the invitee is named in on accepting (head_of_delegation, delegate, observer)' })
  summitRole: string | null;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty({ type: 'integer', description: 'How many times the link was mailed', minimum: 0 }) sentCount: number;
  @ApiProperty({ nullable: true, type: String }) lastSentAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'From when it may be mailed again; null once accepted or revoked' }) resendableAt: string | null;
  @ApiProperty({ nullable: true, type: String }) invitedById: string | null;
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;
}

export function toInvitationDto(invitation: Invitation): InvitationDto {
  const open = !invitation.acceptedAt && !invitation.revokedAt && invitation.lastSentAt;
  return {
    id: invitation.id,
    kind: invitation.kind,
    email: invitation.email,
    organisationId: invitation.organisationId,
    organisationName: invitation.organisation?.name ?? null,
    delegationRole: invitation.delegationRole,
    platformRole: invitation.platformRole,
    summitId: invitation.summitId,
    summitRole: invitation.summitRole,
    locale: invitation.locale,
    timeZone: invitation.timeZone,
    status: invitationStatus(invitation),
    sentCount: invitation.sentCount,
    lastSentAt: invitation.lastSentAt?.toISOString() ?? null,
    resendableAt: open ? new Date(invitation.lastSentAt!.getTime() + resendWaitSeconds(invitation.sentCount) * 1000).toISOString() : null,
    invitedById: invitation.invitedById,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

/** What the person holding a link may see before accepting it. */
export class InvitationPreviewDto {
  @ApiProperty({ enum: InvitationKind }) kind: InvitationKind;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty({ nullable: true, enum: DelegationRole }) delegationRole: DelegationRole | null;
  @ApiProperty({ enum: PlatformRole }) platformRole: PlatformRole;
  @ApiProperty({ nullable: true, type: String, description: 'The summit the invitation is for, if any' }) summitId: string | null;
  @ApiProperty({ nullable: true, type: String }) summitTitle: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The per-summit role accepting names the invitee in' }) summitRole: string | null;
  @ApiProperty({ enum: LOCALES, description: 'The language the inviter chose, for the page before the invitee chooses theirs' }) locale: Locale;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'An account with this address exists: accepting asks for its password' }) accountExists: boolean;
}

/** Where the web client takes the person who accepted: the summit they were invited for, in their delegation; else the summit list. */
export class InvitationLandingDto {
  @ApiProperty({ nullable: true, type: String, description: 'The summit to open; null for an invitation into an organisation only' }) summitId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The delegation the person was invited into' }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The per-summit role the person is now named in' }) summitRole: string | null;
}

export class AcceptedInvitationDto extends AccessTokenDto {
  @ApiProperty({ type: InvitationLandingDto }) landing: InvitationLandingDto;
}
