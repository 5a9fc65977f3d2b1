import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, IsTimeZone, Optional } from '@plenary/common';
import { DelegationRole, Membership, Organisation, OrganisationKind, User } from '@plenary/identity';
import { IsBoolean, IsEnum, IsUUID } from 'class-validator';
import { SummitMember, SummitRole } from '../access/summit-member.entity';
import { Participation, ParticipationStatus } from './participation.entity';

export class AddParticipantDto {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiPropertyOptional({ enum: ParticipationStatus, default: ParticipationStatus.Invited }) @Optional() @IsEnum(ParticipationStatus) status?: ParticipationStatus;
  @ApiProperty({ example: 'Pacific/Auckland', description: 'The delegation’s capital time zone' }) @IsTimeZone() timeZone: string;
  @ApiPropertyOptional({ description: 'Joining date, for an accession recorded after the fact' }) @Optional() @IsInstant() joinedAt?: Date;
}

export class UpdateParticipantDto {
  @ApiPropertyOptional({ enum: ParticipationStatus }) @Optional() @IsEnum(ParticipationStatus) status?: ParticipationStatus;
  @ApiPropertyOptional() @Optional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional() @Optional() @IsInstant() joinedAt?: Date;
}

export class ParticipantDto {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ nullable: true, type: String, description: 'The name in French, if it has one' }) nameFr: string | null;
  @ApiProperty({ nullable: true, type: String }) shortNameFr: string | null;
  @ApiProperty({ enum: OrganisationKind }) kind: OrganisationKind;
  @ApiProperty({ nullable: true, type: String }) countryCode: string | null;
  @ApiProperty({ enum: ParticipationStatus }) status: ParticipationStatus;
  @ApiProperty() timeZone: string;
  @ApiProperty({ nullable: true, type: String }) joinedAt: string | null;
}

export function toParticipantDto(p: Participation, organisation: Organisation): ParticipantDto {
  return {
    organisationId: p.organisationId,
    name: organisation.name,
    shortName: organisation.shortName,
    nameFr: organisation.nameFr,
    shortNameFr: organisation.shortNameFr,
    kind: organisation.kind,
    countryCode: organisation.countryCode,
    status: p.status,
    timeZone: p.timeZone,
    joinedAt: p.joinedAt?.toISOString() ?? null,
  };
}

export class SetSummitMemberDto {
  @ApiProperty({ enum: SummitRole }) @IsEnum(SummitRole) role: SummitRole;
  @ApiPropertyOptional({ description: 'The delegation the person attends with; required for heads of delegation and delegates' })
  @Optional()
  @IsUUID()
  organisationId?: string;
  @ApiPropertyOptional({ description: 'May act on behalf of the delegation’s leader' }) @Optional() @IsBoolean() isProxy?: boolean;
}

export class SummitMemberDto {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ description: 'For the host side only: other participants find people without their addresses' }) email?: string;
  @ApiProperty({ enum: SummitRole }) role: SummitRole;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() isProxy: boolean;
}

/** `withAddress` for the host side only. */
export function toSummitMemberDto(m: SummitMember, user: User, withAddress: boolean): SummitMemberDto {
  return {
    userId: m.userId,
    displayName: user.displayName,
    ...(withAddress ? { email: user.email } : {}),
    role: m.role,
    organisationId: m.organisationId,
    isProxy: m.isProxy,
  };
}

/** Someone taking part in a summit, as the other participants see them (no e-mail address). */
export class SummitPersonDto {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String], description: 'The participating organisations the person belongs to' }) organisationIds: string[];
  @ApiProperty({ enum: SummitRole, nullable: true, description: 'Their per-summit role, if named' }) role: SummitRole | null;
}

export class OrganisationPersonDto {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: DelegationRole }) delegationRole: DelegationRole;
}

export type { Membership };
