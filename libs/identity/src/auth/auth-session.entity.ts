import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { User } from '../users/user.entity';

/**
 * One signed-in device. Its refresh tokens form a family: each refresh
 * replaces the token, and a replaced token presented again (past a few
 * seconds' grace for the same browser) revokes the session.
 */
@Entity({ name: 'auth_sessions' })
export class AuthSession {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_auth_sessions_user')
  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ name: 'ip_address', type: 'varchar', length: 64, nullable: true })
  ipAddress: string | null;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;

  @Column(utcTimestamp({ name: 'last_used_at' }))
  lastUsedAt: Date;

  @Column(utcTimestamp({ name: 'expires_at' }))
  expiresAt: Date;

  @Column(utcTimestamp({ name: 'revoked_at', nullable: true }))
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 64, nullable: true })
  revokedReason: string | null;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_auth_sessions_user' })
  user?: User;

  isActive(now = new Date()): boolean {
    return this.revokedAt === null && this.expiresAt.getTime() > now.getTime();
  }
}
