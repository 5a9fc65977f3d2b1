import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A subscribable calendar URL with a secret token: one per user, or per user and summit. */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeedToken {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_calendar_feeds_user')
  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  @Column({ ...ID_COLUMN, name: 'summit_id', nullable: true })
  summitId: string | null;

  @Index('UQ_calendar_feeds_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}
