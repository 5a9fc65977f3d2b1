import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsName, IsTimeZone } from '@plenary/common';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SummitRole } from '../access/summit-member.entity';
import { Summit, SummitStatus, Visibility } from './summit.entity';
import { nextSummitStatuses } from './summits.service';

export class CreateSummitDto {
  @ApiProperty({ example: 'Progress summit of the call to action' })
  @IsName(200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiProperty({ description: 'The host organisation (a state, usually)' })
  @IsUUID()
  hostOrganisationId: string;

  @ApiProperty({ example: 'Europe/Paris' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ example: '2026-05-14T07:00:00Z' })
  @Type(() => Date)
  @IsDate()
  startsAt: Date;

  @ApiProperty({ example: '2026-05-15T18:00:00Z' })
  @Type(() => Date)
  @IsDate()
  endsAt: Date;

  @ApiPropertyOptional({ enum: Visibility, default: Visibility.Participants })
  @IsOptional()
  @IsEnum(Visibility)
  agendaVisibility?: Visibility;

  @ApiPropertyOptional({ enum: Visibility, default: Visibility.Participants })
  @IsOptional()
  @IsEnum(Visibility)
  outcomeVisibility?: Visibility;
}

export class UpdateSummitDto {
  @ApiPropertyOptional() @IsOptional() @IsName(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() startsAt?: Date;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() endsAt?: Date;
  @ApiPropertyOptional({ enum: Visibility }) @IsOptional() @IsEnum(Visibility) agendaVisibility?: Visibility;
  @ApiPropertyOptional({ enum: Visibility }) @IsOptional() @IsEnum(Visibility) outcomeVisibility?: Visibility;
}

export class ChangeSummitStatusDto {
  @ApiProperty({ enum: SummitStatus })
  @IsEnum(SummitStatus)
  status: SummitStatus;
}

export class SummitDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() hostOrganisationId: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ enum: SummitStatus }) status: SummitStatus;
  @ApiProperty({ enum: Visibility }) agendaVisibility: Visibility;
  @ApiProperty({ enum: Visibility }) outcomeVisibility: Visibility;
  @ApiPropertyOptional({ enum: SummitRole, nullable: true, description: 'The caller’s role in this summit' }) myRole?: SummitRole | null;
  @ApiPropertyOptional({ description: 'The caller may edit this summit' }) canEdit?: boolean;
  @ApiProperty({
    enum: SummitStatus,
    isArray: true,
    description: 'The statuses the caller may move the summit to now (`POST /api/summits/:id/status`); empty unless the caller is on the host side',
  })
  nextStatuses: SummitStatus[];
}

export function toSummitDto(summit: Summit, viewer?: { role: SummitRole | null; isHost: boolean }): SummitDto {
  return {
    id: summit.id,
    title: summit.title,
    description: summit.description,
    hostOrganisationId: summit.hostOrganisationId,
    timeZone: summit.timeZone,
    startsAt: summit.startsAt.toISOString(),
    endsAt: summit.endsAt.toISOString(),
    status: summit.status,
    agendaVisibility: summit.agendaVisibility,
    outcomeVisibility: summit.outcomeVisibility,
    nextStatuses: nextSummitStatuses(summit, viewer?.isHost ?? false),
    ...(viewer ? { myRole: viewer.role, canEdit: viewer.isHost } : {}),
  };
}
