import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsName, IsQueryInt, IsSingleLine, IsTimeZone, Locale, LOCALES, localeOr, Optional } from '@plenary/common';
import { IsBoolean, IsEnum, IsIn } from 'class-validator';
import { OrganisationKind } from '../organisations/organisation.entity';
import { DelegationRole } from '../organisations/membership.entity';
import { PlatformRole } from '../permissions/permission';
import { User } from './user.entity';

export class MembershipSummaryDto {
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: OrganisationKind }) organisationKind: OrganisationKind;
  @ApiProperty({ enum: DelegationRole }) delegationRole: DelegationRole;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: PlatformRole }) platformRole: PlatformRole;
  @ApiProperty({ enum: LOCALES, description: 'The language of the web client and of the mails the person receives' }) locale: Locale;
  @ApiProperty() timeZone: string;
  @ApiProperty() disabled: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [MembershipSummaryDto] }) memberships: MembershipSummaryDto[];
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    platformRole: user.platformRole,
    locale: localeOr(user.locale),
    timeZone: user.timeZone,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
    memberships: (user.memberships ?? [])
      .filter((m) => m.organisation)
      .map((m) => ({
        organisationId: m.organisationId,
        organisationName: m.organisation!.name,
        organisationKind: m.organisation!.kind,
        delegationRole: m.delegationRole,
      }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName)),
  };
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsName()
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of the web client and of the mails the person receives' })
  @Optional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Europe/Paris', maxLength: 64, description: 'An IANA time zone: the mails’ dates and times are given in it' })
  @Optional()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: PlatformRole })
  @Optional()
  @IsEnum(PlatformRole)
  platformRole?: PlatformRole;

  @ApiPropertyOptional({ description: 'Disabling a user revokes all of their sessions' })
  @Optional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ description: 'Matches e-mail or name' })
  @Optional()
  @IsSingleLine(100)
  search?: string;

  @ApiPropertyOptional({ enum: PlatformRole })
  @Optional()
  @IsEnum(PlatformRole)
  platformRole?: PlatformRole;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @Optional()
  @IsQueryInt(1, 500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @Optional()
  @IsQueryInt(0)
  offset?: number;
}
