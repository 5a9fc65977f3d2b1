import type { Locale } from '@plenary/common';
import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlatformRole } from '../permissions/permission';
import { DelegationRole } from '../organisations/membership.entity';
import type { Organisation } from '../organisations/organisation.entity';

export enum InvitationKind {
  /** A person invited into an organisation's delegation. */
  Invitation = 'invitation',
  /** The one-time link that creates the first host administrator. */
  Setup = 'setup',
}

@Entity({ name: 'invitations' })
export class Invitation {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: InvitationKind;

  @Index('IDX_invitations_email')
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ ...ID_COLUMN, name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column({ name: 'delegation_role', type: 'varchar', length: 16, nullable: true })
  delegationRole: DelegationRole | null;

  @Column({ name: 'platform_role', type: 'varchar', length: 32 })
  platformRole: PlatformRole;

  /**
   * The summit the invitation is for, if any: accepting it names the person
   * in that summit with `summitRole`, in the organisation's delegation. Both
   * belong to the summits lib, which identity asks through `InvitationSummits`.
   */
  @Index('IDX_invitations_summit')
  @Column({ ...ID_COLUMN, name: 'summit_id', nullable: true })
  summitId: string | null;

  @Column({ name: 'summit_role', type: 'varchar', length: 32, nullable: true })
  summitRole: string | null;

  /** The inviter's choice of language and time zone for someone without an account: the mails', then the new account's. */
  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale: Locale;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  /** How many times the link was mailed; each resend waits longer (`resend-policy.ts`). */
  @Column({ name: 'sent_count', type: 'integer', default: 1 })
  sentCount: number;

  /** When the link was last mailed (null for the setup link, which is printed). */
  @Column(utcTimestamp({ name: 'last_sent_at', nullable: true }))
  lastSentAt: Date | null;

  /** SHA-256 of the secret in the link; the secret itself is never stored. */
  @Index('UQ_invitations_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(utcTimestamp({ name: 'expires_at' }))
  expiresAt: Date;

  @Column(utcTimestamp({ name: 'accepted_at', nullable: true }))
  acceptedAt: Date | null;

  @Column({ ...ID_COLUMN, name: 'accepted_by_id', nullable: true })
  acceptedById: string | null;

  @Column(utcTimestamp({ name: 'revoked_at', nullable: true }))
  revokedAt: Date | null;

  @Column({ ...ID_COLUMN, name: 'invited_by_id', nullable: true })
  invitedById: string | null;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;

  @ManyToOne('Organisation', { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_invitations_organisation' })
  organisation?: Organisation | null;
}
