import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { User } from '../users/user.entity';

/**
 * A mailed link that lets the owner of an address choose a new password:
 * single-use, short-lived, and stored only as the SHA-256 of its secret.
 */
@Entity({ name: 'password_reset_tokens' })
export class PasswordResetToken {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_password_reset_tokens_user')
  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  @Index('UQ_password_reset_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;

  @Column(utcTimestamp({ name: 'expires_at' }))
  expiresAt: Date;

  /** Set when the link was used, or voided by another link of the account being used. */
  @Column(utcTimestamp({ name: 'used_at', nullable: true }))
  usedAt: Date | null;

  /** The address the request came from, for the account's owner to recognise it. */
  @Column({ name: 'requested_ip', type: 'varchar', length: 64, nullable: true })
  requestedIp: string | null;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_password_reset_tokens_user' })
  user?: User;
}
