import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ChannelKind {
  /** Everyone taking part in the summit. */
  Lobby = 'lobby',
  /** Everyone who may see one session. */
  Session = 'session',
  /** One delegation's private channel within a summit. */
  Delegation = 'delegation',
  /** Two participants. */
  Direct = 'direct',
}

@Entity({ name: 'chat_channels' })
@Index('UQ_chat_channels_scope', ['summitId', 'scopeKey'], { unique: true })
export class Channel {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'summit_id' })
  summitId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ChannelKind;

  /** What the channel is about, unique per summit: `lobby`, `session:<id>`, `delegation:<orgId>`, `direct:<userId>:<userId>` (ids sorted). */
  @Column({ name: 'scope_key', type: 'varchar', length: 100 })
  scopeKey: string;

  @Column({ ...ID_COLUMN, name: 'session_id', nullable: true })
  sessionId: string | null;

  @Column({ ...ID_COLUMN, name: 'organisation_id', nullable: true })
  organisationId: string | null;

  /** The two participants of a direct conversation. */
  @Column({ name: 'member_ids', type: 'simple-json' })
  memberIds: string[];

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The sequence number of the newest message; messages are numbered 1, 2, 3… per channel. */
  @Column({ name: 'last_sequence', type: 'integer', default: 0 })
  lastSequence: number;

  /** Counts every change in the channel: a message sent, edited, deleted, pinned or unpinned. */
  @Column({ name: 'last_revision', type: 'integer', default: 0 })
  lastRevision: number;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}
