import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { LiveSpeakersList } from '../contracts/live-events';
import type { SummitSession } from '../sessions/session.entity';
import type { SpeakerEntry, SpeakerEntryKind, SpeakersListSummary } from './speakers-queue';

export class RequestFloorDto {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ enum: ['speech', 'point_of_order'] }) @IsIn(['speech', 'point_of_order']) kind: SpeakerEntryKind;
}

export class SpeakerEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ enum: ['speech', 'point_of_order'] }) kind: SpeakerEntryKind;
  @ApiProperty() status: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: Number }) protocolRank: number | null;
  @ApiProperty({ nullable: true, type: Number }) allottedSeconds: number | null;
  @ApiProperty() usedSeconds: number;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
}

export class CurrentSpeakerDto extends SpeakerEntryDto {
  @ApiProperty() elapsedSeconds: number;
  @ApiProperty({ nullable: true, type: Number }) remainingSeconds: number | null;
}

export class DelegationTimeDto {
  @ApiProperty() organisationId: string;
  @ApiProperty() usedSeconds: number;
  @ApiProperty({ nullable: true, type: Number }) remainingSeconds: number | null;
}

export class SpeakersListDto implements LiveSpeakersList {
  @ApiProperty({ enum: ['protocol', 'request_time'] }) order: string;
  @ApiProperty({ nullable: true, type: Number }) speechSeconds: number | null;
  @ApiProperty({ nullable: true, type: Number }) delegationBudgetSeconds: number | null;
  @ApiProperty({ nullable: true, type: CurrentSpeakerDto }) current: CurrentSpeakerDto | null;
  @ApiProperty({ type: [SpeakerEntryDto] }) queue: SpeakerEntryDto[];
  @ApiProperty({ type: [DelegationTimeDto] }) delegations: DelegationTimeDto[];
}

function toEntryDto(e: SpeakerEntry, names: Map<string, string>): SpeakerEntryDto {
  return {
    id: e.id,
    organisationId: e.organisationId,
    organisationName: names.get(e.organisationId) ?? '',
    userId: e.userId,
    kind: e.kind,
    status: e.status,
    requestedAt: e.requestedAt.toISOString(),
    protocolRank: e.protocolRank,
    allottedSeconds: e.allottedSeconds,
    usedSeconds: e.usedSeconds,
    startedAt: e.startedAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
  };
}

export function toSpeakersListDto(session: SummitSession, summary: SpeakersListSummary, names: Map<string, string>): SpeakersListDto {
  return {
    order: session.speakersOrder,
    speechSeconds: session.speechSeconds,
    delegationBudgetSeconds: session.delegationBudgetSeconds,
    current: summary.current
      ? { ...toEntryDto(summary.current, names), elapsedSeconds: summary.current.elapsedSeconds, remainingSeconds: summary.current.remainingSeconds }
      : null,
    queue: summary.queue.map((e) => toEntryDto(e, names)),
    delegations: summary.delegations,
  };
}
