import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum AuditEventType {
  LoginSucceeded = 'login.succeeded',
  LoginFailed = 'login.failed',
  LoginThrottled = 'login.throttled',
  Logout = 'logout',
  RefreshTokenReused = 'refresh_token.reused',
  SessionRevoked = 'session.revoked',
  OtherSessionsRevoked = 'session.others_revoked',
  PasswordChanged = 'password.changed',
  PasswordResetRequested = 'password.reset_requested',
  PasswordResetThrottled = 'password.reset_throttled',
  PasswordReset = 'password.reset',
  InvitationCreated = 'invitation.created',
  InvitationAccepted = 'invitation.accepted',
  InvitationResent = 'invitation.resent',
  InvitationRevoked = 'invitation.revoked',
  RoleChanged = 'user.role_changed',
  UserDisabled = 'user.disabled',
  UserEnabled = 'user.enabled',
  AdminCreated = 'admin.created',
  OrganisationCreated = 'organisation.created',
  OrganisationUpdated = 'organisation.updated',
  OrganisationDeleted = 'organisation.deleted',
  MembershipRemoved = 'membership.removed',
}

/** An append-only record of a security-relevant event. Actor ids are kept even if the user is deleted. */
@Entity({ name: 'audit_events' })
export class AuditEvent {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_audit_events_type')
  @Column({ type: 'varchar', length: 64 })
  type: AuditEventType;

  @Column({ ...ID_COLUMN, name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ name: 'ip_address', type: 'varchar', length: 64, nullable: true })
  ipAddress: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;

  @Index('IDX_audit_events_created_at')
  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}
