import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ScheduleChangeKind {
  Rescheduled = 'rescheduled',
  Postponed = 'postponed',
  Cancelled = 'cancelled',
  Reinstated = 'reinstated',
}

/** The history of a session's time and status: from, to, why, who, when. */
@Entity({ name: 'schedule_changes' })
export class ScheduleChange {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_schedule_changes_session')
  @Column({ ...ID_COLUMN, name: 'session_id' })
  sessionId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ScheduleChangeKind;

  @Column(utcTimestamp({ name: 'from_starts_at' }))
  fromStartsAt: Date;

  @Column(utcTimestamp({ name: 'from_ends_at' }))
  fromEndsAt: Date;

  @Column(utcTimestamp({ name: 'to_starts_at' }))
  toStartsAt: Date;

  @Column(utcTimestamp({ name: 'to_ends_at' }))
  toEndsAt: Date;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ ...ID_COLUMN, name: 'changed_by_id' })
  changedById: string;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}
