import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsName, IsTimeZone, Locale, LOCALES, localeOr } from '@plenary/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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
  @IsOptional()
  @IsName()
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of the web client and of the mails the person receives' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Europe/Paris', maxLength: 64, description: 'An IANA time zone: the mails’ dates and times are given in it' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: PlatformRole })
  @IsOptional()
  @IsEnum(PlatformRole)
  platformRole?: PlatformRole;

  @ApiPropertyOptional({ description: 'Disabling a user revokes all of their sessions' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ description: 'Matches e-mail or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: PlatformRole })
  @IsOptional()
  @IsEnum(PlatformRole)
  platformRole?: PlatformRole;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
