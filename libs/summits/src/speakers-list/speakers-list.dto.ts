import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import type { LiveSpeakerStatus, LiveSpeakersList } from '../contracts/live-events';
import type { SummitSession } from '../sessions/session.entity';
import type { SpeakerEntry, SpeakerEntryKind, SpeakersListSummary, SpeakingLimit } from './speakers-queue';

/** The longest queue an order may name. */
const ORDER_LIMIT = 500;
/** The most time one extension adds to a speech. */
export const EXTENSION_STEP_LIMIT_SECONDS = 1800;

export class RequestFloorDto {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ enum: ['speech', 'point_of_order'] }) @IsIn(['speech', 'point_of_order']) kind: SpeakerEntryKind;
}

export class ReorderSpeakersDto {
  @ApiProperty({ type: [String], description: 'The waiting entries as the chair saw them; a list changed since is refused with STALE_ORDER' })
  @IsArray()
  @ArrayMaxSize(ORDER_LIMIT)
  @IsUUID('all', { each: true })
  expected: string[];

  @ApiProperty({ type: [String], description: 'The same entries in their new order, points of order first' })
  @IsArray()
  @ArrayMaxSize(ORDER_LIMIT)
  @IsUUID('all', { each: true })
  order: string[];
}

export class ExtendSpeechDto {
  @ApiProperty({ minimum: 1, maximum: EXTENSION_STEP_LIMIT_SECONDS, description: 'Seconds added to the speech holding the floor' })
  @IsInt()
  @Min(1)
  @Max(EXTENSION_STEP_LIMIT_SECONDS)
  extraSeconds: number;
}

const STATUSES: LiveSpeakerStatus[] = ['waiting', 'speaking', 'paused', 'spoken', 'withdrawn'];

export class SpeakerEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ description: 'The delegation' }) organisationName: string;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The person who asked for the floor' }) speakerName: string | null;
  @ApiProperty({ enum: ['speech', 'point_of_order'] }) kind: SpeakerEntryKind;
  @ApiProperty({ enum: STATUSES }) status: LiveSpeakerStatus;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: Number }) protocolRank: number | null;
  @ApiProperty({ nullable: true, type: Number }) allottedSeconds: number | null;
  @ApiProperty({ description: 'Time the chair added to the speech' }) extendedSeconds: number;
  @ApiProperty() usedSeconds: number;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
}

export class CurrentSpeakerDto extends SpeakerEntryDto {
  @ApiProperty() elapsedSeconds: number;
  @ApiProperty({ nullable: true, type: Number, description: "Before the first limit (the speech's or its delegation's); negative when over time" })
  remainingSeconds: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Elapsed plus remaining' }) limitSeconds: number | null;
  @ApiProperty({ nullable: true, enum: ['speech', 'delegation'] }) limitedBy: SpeakingLimit;
}

export class DelegationTimeDto {
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() usedSeconds: number;
  @ApiProperty({ nullable: true, type: Number }) remainingSeconds: number | null;
}

export class SpeakersListDto implements LiveSpeakersList {
  @ApiProperty({ enum: ['protocol', 'request_time'] }) order: 'protocol' | 'request_time';
  @ApiProperty({ nullable: true, type: Number }) speechSeconds: number | null;
  @ApiProperty({ nullable: true, type: Number }) delegationBudgetSeconds: number | null;
  @ApiProperty({ nullable: true, type: CurrentSpeakerDto }) current: CurrentSpeakerDto | null;
  @ApiProperty({ type: [SpeakerEntryDto] }) queue: SpeakerEntryDto[];
  @ApiProperty({ type: [SpeakerEntryDto], description: 'Those who have spoken, in the order they finished' }) past: SpeakerEntryDto[];
  @ApiProperty({ type: [DelegationTimeDto] }) delegations: DelegationTimeDto[];
}

/** The names an answer shows: delegations and the people who asked. */
export interface SpeakerNames {
  organisations: Map<string, string>;
  people: Map<string, string>;
}

function toEntryDto(e: SpeakerEntry, names: SpeakerNames): SpeakerEntryDto {
  return {
    id: e.id,
    organisationId: e.organisationId,
    organisationName: names.organisations.get(e.organisationId) ?? '',
    userId: e.userId,
    speakerName: (e.userId && names.people.get(e.userId)) ?? null,
    kind: e.kind,
    status: e.status === 'done' ? 'spoken' : e.status,
    requestedAt: e.requestedAt.toISOString(),
    protocolRank: e.protocolRank,
    allottedSeconds: e.allottedSeconds,
    extendedSeconds: e.extendedSeconds,
    usedSeconds: e.usedSeconds,
    startedAt: e.startedAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
  };
}

export function toSpeakersListDto(session: SummitSession, summary: SpeakersListSummary, names: SpeakerNames): SpeakersListDto {
  return {
    order: session.speakersOrder,
    speechSeconds: session.speechSeconds,
    delegationBudgetSeconds: session.delegationBudgetSeconds,
    current: summary.current
      ? {
          ...toEntryDto(summary.current, names),
          elapsedSeconds: summary.current.elapsedSeconds,
          remainingSeconds: summary.current.remainingSeconds,
          limitSeconds: summary.current.limitSeconds,
          limitedBy: summary.current.limitedBy,
        }
      : null,
    queue: summary.queue.map((e) => toEntryDto(e, names)),
    past: summary.past.map((e) => toEntryDto(e, names)),
    delegations: summary.delegations.map((d) => ({ ...d, organisationName: names.organisations.get(d.organisationId) ?? '' })),
  };
}
