import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SpeakerEntryKind, SpeakerEntryStatus } from './speakers-queue';

@Entity({ name: 'speaker_entries' })
// At most one waiting request per delegation and kind (migration 1765600000000).
@Index('UQ_speaker_entries_waiting', ['sessionId', 'organisationId', 'kind'], { unique: true, where: `"status" = 'waiting'` })
export class SpeakerEntryRecord {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_speaker_entries_session')
  @Column({ ...ID_COLUMN, name: 'session_id' })
  sessionId: string;

  @Column({ ...ID_COLUMN, name: 'organisation_id' })
  organisationId: string;

  @Column({ ...ID_COLUMN, name: 'user_id', nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: SpeakerEntryKind;

  @Column({ type: 'varchar', length: 16 })
  status: SpeakerEntryStatus;

  @Column(utcTimestamp({ name: 'requested_at' }))
  requestedAt: Date;

  @Column({ name: 'protocol_rank', type: 'integer', nullable: true })
  protocolRank: number | null;

  @Column({ name: 'allotted_seconds', type: 'integer', nullable: true })
  allottedSeconds: number | null;

  @Column({ name: 'extended_seconds', type: 'integer', default: 0 })
  extendedSeconds: number;

  @Column({ type: 'integer', nullable: true })
  position: number | null;

  @Column({ name: 'used_seconds', type: 'integer', default: 0 })
  usedSeconds: number;

  @Column(utcTimestamp({ name: 'running_since', nullable: true }))
  runningSince: Date | null;

  @Column(utcTimestamp({ name: 'started_at', nullable: true }))
  startedAt: Date | null;

  @Column(utcTimestamp({ name: 'ended_at', nullable: true }))
  endedAt: Date | null;
}
