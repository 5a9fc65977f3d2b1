import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsName, Optional } from '@plenary/common';
import { Transform } from 'class-transformer';
import { IsEnum, Matches, ValidateIf } from 'class-validator';
import { DelegationRole, Membership } from './membership.entity';
import { Organisation, OrganisationKind } from './organisation.entity';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class CreateOrganisationDto {
  @ApiProperty({ enum: OrganisationKind })
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @ApiProperty({ example: 'French Republic' })
  @IsName(200)
  name: string;

  @ApiProperty({ example: 'France' })
  @IsName(64)
  shortName: string;

  @ApiPropertyOptional({ example: 'République française', nullable: true, type: String, description: 'The name in French' })
  @Optional({ nullable: true })
  @IsName(200)
  nameFr?: string | null;

  @ApiPropertyOptional({ example: 'France', nullable: true, type: String, description: 'The short name in French' })
  @Optional({ nullable: true })
  @IsName(64)
  shortNameFr?: string | null;

  @ApiPropertyOptional({ example: 'FR', description: 'ISO 3166-1 alpha-2; required for states', nullable: true, type: String })
  @ValidateIf((o: CreateOrganisationDto) => o.kind === OrganisationKind.State || (o.countryCode !== undefined && o.countryCode !== null))
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as FR' })
  countryCode?: string | null;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional()
  @Optional()
  @IsName(200)
  name?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsName(64)
  shortName?: string;

  @ApiPropertyOptional({ example: 'République française', nullable: true, type: String, description: 'The name in French' })
  @Optional({ nullable: true })
  @IsName(200)
  nameFr?: string | null;

  @ApiPropertyOptional({ example: 'France', nullable: true, type: String, description: 'The short name in French' })
  @Optional({ nullable: true })
  @IsName(64)
  shortNameFr?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @Optional({ nullable: true })
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as FR' })
  countryCode?: string | null;
}

export class ListOrganisationsQueryDto {
  @ApiPropertyOptional({ enum: OrganisationKind })
  @Optional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;
}

export class OrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: OrganisationKind }) kind: OrganisationKind;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ nullable: true, type: String }) nameFr: string | null;
  @ApiProperty({ nullable: true, type: String }) shortNameFr: string | null;
  @ApiProperty({ nullable: true, type: String }) countryCode: string | null;
  @ApiProperty() createdAt: string;
}

export function toOrganisationDto(o: Organisation): OrganisationDto {
  return { id: o.id, kind: o.kind, name: o.name, shortName: o.shortName, nameFr: o.nameFr, shortNameFr: o.shortNameFr, countryCode: o.countryCode, createdAt: o.createdAt.toISOString() };
}

export class MemberDto {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: DelegationRole }) delegationRole: DelegationRole;
  @ApiProperty() since: string;
}

export function toMemberDto(m: Membership): MemberDto {
  return {
    userId: m.userId,
    email: m.user!.email,
    displayName: m.user!.displayName,
    delegationRole: m.delegationRole,
    since: m.createdAt.toISOString(),
  };
}
