import { ID_COLUMN, TimestampedEntity } from '@plenary/database';
import { utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum SessionKind {
  Plenary = 'plenary',
  Breakout = 'breakout',
  Bilateral = 'bilateral',
  SigningCeremony = 'signing_ceremony',
  Press = 'press',
  Break = 'break',
}

export enum SessionStatus {
  Scheduled = 'scheduled',
  Postponed = 'postponed',
  Cancelled = 'cancelled',
}

export interface LinkedDocument {
  title: string;
  url: string;
}

/** One item of a summit's agenda. Times are UTC instants. */
@Entity({ name: 'summit_sessions' })
@Index('IDX_summit_sessions_summit_starts', ['summitId', 'startsAt'])
export class SummitSession extends TimestampedEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'summit_id' })
  summitId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: SessionKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The title in French, when it differs; readers in French see it. */
  @Column({ name: 'title_fr', type: 'varchar', length: 200, nullable: true })
  titleFr: string | null;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column(utcTimestamp({ name: 'starts_at' }))
  startsAt: Date;

  @Column(utcTimestamp({ name: 'ends_at' }))
  endsAt: Date;

  /** Track or room; sessions in one room must not overlap. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  room: string | null;

  /** The summit room the session is held in; `room` then carries its name. */
  @Column({ ...ID_COLUMN, name: 'room_id', nullable: true })
  roomId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: SessionStatus;

  /** iCalendar SEQUENCE: bumped at every change of time or status. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** User ids of the session's chairs. */
  @Column({ name: 'chair_ids', type: 'simple-json' })
  chairIds: string[];

  /** Organisations invited to the session (a bilateral has two); empty means every participant. */
  @Column({ name: 'organisation_ids', type: 'simple-json' })
  organisationIds: string[];

  @Column({ type: 'simple-json' })
  documents: LinkedDocument[];

  /** The video room opened for this session by the media service. */
  @Column({ name: 'video_room_id', type: 'varchar', length: 64 })
  videoRoomId: string;

  @Column({ name: 'speakers_order', type: 'varchar', length: 16, default: 'request_time' })
  speakersOrder: 'protocol' | 'request_time';

  @Column({ name: 'speech_seconds', type: 'integer', nullable: true })
  speechSeconds: number | null;

  @Column({ name: 'delegation_budget_seconds', type: 'integer', nullable: true })
  delegationBudgetSeconds: number | null;
}
