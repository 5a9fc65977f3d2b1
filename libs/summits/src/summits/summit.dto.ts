import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, IsName, IsText, IsTimeZone, Optional } from '@plenary/common';
import { IsEnum, IsUUID } from 'class-validator';
import { SummitRole } from '../access/summit-member.entity';
import { Summit, SummitStatus, Visibility } from './summit.entity';
import { nextSummitStatuses } from './summits.service';

export class CreateSummitDto {
  @ApiProperty({ example: 'Progress summit of the call to action' })
  @IsName(200)
  title: string;

  @ApiPropertyOptional()
  @Optional()
  @IsText(10_000)
  description?: string;

  @ApiProperty({ description: 'The host organisation (a state, usually)' })
  @IsUUID()
  hostOrganisationId: string;

  @ApiProperty({ example: 'Europe/Paris' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ example: '2026-05-14T07:00:00Z' })
  @IsInstant()
  startsAt: Date;

  @ApiProperty({ example: '2026-05-15T18:00:00Z' })
  @IsInstant()
  endsAt: Date;

  @ApiPropertyOptional({ enum: Visibility, default: Visibility.Participants })
  @Optional()
  @IsEnum(Visibility)
  agendaVisibility?: Visibility;

  @ApiPropertyOptional({ enum: Visibility, default: Visibility.Participants })
  @Optional()
  @IsEnum(Visibility)
  outcomeVisibility?: Visibility;
}

export class UpdateSummitDto {
  @ApiPropertyOptional() @Optional() @IsName(200) title?: string;
  @ApiPropertyOptional() @Optional() @IsText(10_000) description?: string;
  @ApiPropertyOptional() @Optional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional() @Optional() @IsInstant() startsAt?: Date;
  @ApiPropertyOptional() @Optional() @IsInstant() endsAt?: Date;
  @ApiPropertyOptional({ enum: Visibility }) @Optional() @IsEnum(Visibility) agendaVisibility?: Visibility;
  @ApiPropertyOptional({ enum: Visibility }) @Optional() @IsEnum(Visibility) outcomeVisibility?: Visibility;
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
