import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoundedInt, IsInstant, IsName, IsSingleLine, IsText, Optional } from '@plenary/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsUrl, IsUUID, ValidateNested } from 'class-validator';
import type { LiveSession } from '../contracts/live-events';
import type { Conflict } from '../schedule/conflicts';
import { ScheduleChange, ScheduleChangeKind } from '../schedule/schedule-change.entity';
import { SessionKind, SessionStatus, SummitSession } from './session.entity';

export class LinkedDocumentDto {
  @ApiProperty() @IsName(200) title: string;
  @ApiProperty() @IsSingleLine(2000) @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) url: string;
}

class SessionFieldsDto {
  @ApiPropertyOptional() @Optional() @IsText(10_000) description?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The title in French' }) @Optional({ nullable: true }) @IsName(200) titleFr?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Track or room, as free text (a room of the summit is given by roomId)' })
  @Optional({ nullable: true })
  @IsSingleLine(100)
  room?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'A room of the summit (GET /api/summits/:id/rooms)' }) @Optional({ nullable: true }) @IsUUID() roomId?: string | null;
  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) chairIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Invited organisations; empty means every participant' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  organisationIds?: string[];
  @ApiPropertyOptional({ type: [LinkedDocumentDto] }) @Optional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LinkedDocumentDto) documents?: LinkedDocumentDto[];
  @ApiPropertyOptional({ enum: ['protocol', 'request_time'] }) @Optional() @IsIn(['protocol', 'request_time']) speakersOrder?: 'protocol' | 'request_time';
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Speaking time per speech, in seconds' }) @Optional({ nullable: true }) @IsBoundedInt(10, 7200) speechSeconds?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Speaking time per delegation in this session, in seconds' }) @Optional({ nullable: true }) @IsBoundedInt(10, 36_000) delegationBudgetSeconds?: number | null;
  @ApiPropertyOptional({ description: 'Save despite schedule conflicts (they are returned as warnings)' }) @Optional() @IsBoolean() override?: boolean;
}

export class CreateSessionDto extends SessionFieldsDto {
  @ApiProperty({ enum: SessionKind }) @IsEnum(SessionKind) kind: SessionKind;
  @ApiProperty() @IsName(200) title: string;
  @ApiProperty({ example: '2026-05-14T09:00:00Z' }) @IsInstant() startsAt: Date;
  @ApiProperty({ example: '2026-05-14T10:30:00Z' }) @IsInstant() endsAt: Date;
}

export class UpdateSessionDto extends SessionFieldsDto {
  @ApiPropertyOptional({ enum: SessionKind }) @Optional() @IsEnum(SessionKind) kind?: SessionKind;
  @ApiPropertyOptional() @Optional() @IsName(200) title?: string;
}

export class RescheduleDto {
  @ApiProperty() @IsInstant() startsAt: Date;
  @ApiProperty() @IsInstant() endsAt: Date;
  @ApiProperty({ description: 'Why: shown in the history and the notification' }) @IsName(500) reason: string;
  @ApiPropertyOptional() @Optional() @IsBoolean() override?: boolean;
}

export class StatusChangeDto {
  @ApiProperty() @IsName(500) reason: string;
  @ApiPropertyOptional({ description: 'New times, when reinstating' }) @Optional() @IsInstant() startsAt?: Date;
  @ApiPropertyOptional() @Optional() @IsInstant() endsAt?: Date;
  @ApiPropertyOptional() @Optional() @IsBoolean() override?: boolean;
}

export class AgendaQueryDto {
  @ApiPropertyOptional({ description: "'summit' (default), 'viewer' (the caller's profile) or an IANA zone" })
  @Optional()
  @IsSingleLine(64)
  zone?: string;
}

export class AgendaPdfQueryDto extends AgendaQueryDto {
  @ApiPropertyOptional({ enum: ['en', 'fr'], description: 'The language of the document (default: the reader’s)' }) @Optional() @IsIn(['en', 'fr']) lang?: 'en' | 'fr';
}

export class SessionDto implements LiveSession {
  @ApiProperty() id: string;
  @ApiProperty() summitId: string;
  @ApiProperty({ enum: SessionKind }) kind: SessionKind;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) titleFr: string | null;
  @ApiProperty() description: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ nullable: true, type: String }) room: string | null;
  @ApiProperty({ nullable: true, type: String }) roomId: string | null;
  @ApiProperty({ enum: SessionStatus }) status: SessionStatus;
  @ApiProperty() sequence: number;
  @ApiProperty({ type: [String] }) chairIds: string[];
  @ApiProperty({ type: [String] }) organisationIds: string[];
  @ApiProperty({ type: [LinkedDocumentDto] }) documents: LinkedDocumentDto[];
  @ApiProperty() videoRoomId: string;
  @ApiProperty() speakersOrder: string;
  @ApiProperty({ nullable: true, type: Number }) speechSeconds: number | null;
  @ApiProperty({ nullable: true, type: Number }) delegationBudgetSeconds: number | null;
}

export function toSessionDto(s: SummitSession): SessionDto {
  return {
    id: s.id,
    summitId: s.summitId,
    kind: s.kind,
    title: s.title,
    titleFr: s.titleFr,
    description: s.description,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    room: s.room,
    roomId: s.roomId,
    status: s.status,
    sequence: s.sequence,
    chairIds: s.chairIds,
    organisationIds: s.organisationIds,
    documents: s.documents,
    videoRoomId: s.videoRoomId,
    speakersOrder: s.speakersOrder,
    speechSeconds: s.speechSeconds,
    delegationBudgetSeconds: s.delegationBudgetSeconds,
  };
}

export class ConflictDto {
  @ApiProperty({ enum: ['outside_summit', 'room_overlap', 'chair_double_booked', 'delegation_double_booked'] }) type: Conflict['type'];
  @ApiProperty() message: string;
  @ApiPropertyOptional() sessionId?: string;
  @ApiPropertyOptional({ type: [String] }) userIds?: string[];
  @ApiPropertyOptional({ type: [String] }) organisationIds?: string[];
}

export class SessionWriteDto {
  @ApiProperty({ type: SessionDto }) session: SessionDto;
  @ApiProperty({ type: [ConflictDto], description: 'Conflicts accepted with override' }) warnings: ConflictDto[];
}

export class ScheduleChangeDto {
  @ApiProperty({ enum: ScheduleChangeKind }) kind: ScheduleChangeKind;
  @ApiProperty() fromStartsAt: string;
  @ApiProperty() fromEndsAt: string;
  @ApiProperty() toStartsAt: string;
  @ApiProperty() toEndsAt: string;
  @ApiProperty() reason: string;
  @ApiProperty() changedById: string;
  @ApiProperty() createdAt: string;
}

export function toScheduleChangeDto(c: ScheduleChange): ScheduleChangeDto {
  return {
    kind: c.kind,
    fromStartsAt: c.fromStartsAt.toISOString(),
    fromEndsAt: c.fromEndsAt.toISOString(),
    toStartsAt: c.toStartsAt.toISOString(),
    toEndsAt: c.toEndsAt.toISOString(),
    reason: c.reason,
    changedById: c.changedById,
    createdAt: c.createdAt.toISOString(),
  };
}

export class AgendaConflictDto {
  @ApiProperty({ enum: ['outside_summit', 'room_overlap', 'chair_double_booked', 'delegation_double_booked'] }) type: Conflict['type'];
  @ApiProperty({ nullable: true, type: String, description: 'The session it conflicts with (one the reader sees), if any' }) sessionId: string | null;
  @ApiProperty() message: string;
}

export class PreviousTimeDto {
  @ApiProperty({ enum: ScheduleChangeKind, description: 'The change that moved the session from this time' }) kind: ScheduleChangeKind;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ description: 'In the agenda’s zone, YYYY-MM-DDTHH:mm' }) localStart: string;
  @ApiProperty() localEnd: string;
  @ApiProperty() reason: string;
  @ApiProperty() changedAt: string;
}

export class AgendaSessionDto extends SessionDto {
  @ApiProperty({ description: 'Local start in the agenda’s zone, YYYY-MM-DDTHH:mm' }) localStart: string;
  @ApiProperty() localEnd: string;
  @ApiProperty({ nullable: true, type: String, description: 'The room’s name in French, if it has one' }) roomNameFr: string | null;
  @ApiProperty({ type: [AgendaConflictDto], description: 'Conflicts the session was saved with anyway, and still has' }) conflicts: AgendaConflictDto[];
  @ApiProperty({ nullable: true, type: PreviousTimeDto, description: 'The time the session had before it was last moved or postponed' }) previous: PreviousTimeDto | null;
}

export class AgendaRoomDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameFr: string | null;
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
}

export class AgendaDayDto {
  @ApiProperty({ example: '2026-05-14' }) date: string;
  @ApiProperty({ type: [AgendaSessionDto] }) sessions: AgendaSessionDto[];
}

export class AgendaDto {
  @ApiProperty() timeZone: string;
  @ApiProperty() summitTimeZone: string;
  @ApiProperty({ type: [AgendaRoomDto], description: 'The summit’s rooms, for the timetable’s columns' }) rooms: AgendaRoomDto[];
  @ApiProperty({ type: [AgendaDayDto] }) days: AgendaDayDto[];
}
