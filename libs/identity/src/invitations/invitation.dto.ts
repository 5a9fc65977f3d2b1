import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmailAddress, IsName, IsSingleLine, Optional } from '@plenary/common';
import { IsEnum, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DelegationRole } from '../organisations/membership.entity';
import { PlatformRole } from '../permissions/permission';
import { Invitation, InvitationKind } from './invitation.entity';

export class CreateInvitationDto {
  @ApiProperty({ example: 'sherpa@example.org' })
  @IsEmailAddress()
  email: string;

  @ApiProperty()
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

export class AcceptInvitationDto {
  @ApiProperty()
  @IsSingleLine(200)
  @MinLength(10)
  token: string;

  @ApiPropertyOptional({ description: 'Required to create an account; ignored when the address already has one' })
  @Optional()
  @IsName()
  displayName?: string;

  @ApiProperty({ description: 'A new password (12 characters or more), or the existing password of an account with this address' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({ description: 'Only for the first-administrator setup link' })
  @Optional()
  @IsEmailAddress()
  email?: string;
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class ListInvitationsQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @Optional()
  @IsIn(INVITATION_STATUSES)
  status?: InvitationStatus;

  @ApiPropertyOptional()
  @Optional()
  @IsUUID()
  organisationId?: string;
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
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;
}

export function toInvitationDto(invitation: Invitation): InvitationDto {
  return {
    id: invitation.id,
    kind: invitation.kind,
    email: invitation.email,
    organisationId: invitation.organisationId,
    organisationName: invitation.organisation?.name ?? null,
    delegationRole: invitation.delegationRole,
    platformRole: invitation.platformRole,
    status: invitationStatus(invitation),
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
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'An account with this address exists: accepting asks for its password' }) accountExists: boolean;
}
