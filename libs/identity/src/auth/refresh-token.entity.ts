import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AuthSession } from './auth-session.entity';

/**
 * One token of a session's family. The first is random; each successor is
 * derived from its predecessor with a server key (`SessionsService`), so that
 * a repeat within the grace period can be given the same successor again.
 */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_refresh_tokens_session')
  @Column({ ...ID_COLUMN, name: 'session_id' })
  sessionId: string;

  /** SHA-256 of the token's secret part. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;

  /**
   * Set when the token was exchanged for its successor. Presenting it again is
   * reuse, unless it is a repeat within the grace period after this moment.
   */
  @Column(utcTimestamp({ name: 'used_at', nullable: true }))
  usedAt: Date | null;

  @ManyToOne('AuthSession', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_refresh_tokens_session' })
  session?: AuthSession;
}
