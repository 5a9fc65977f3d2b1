import { ID_COLUMN } from '@plenary/database';
import { utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { User } from '../users/user.entity';
import type { Organisation } from './organisation.entity';

export enum DelegationRole {
  Leader = 'leader',
  Delegate = 'delegate',
  Advisor = 'advisor',
}

export const DELEGATION_ROLES = Object.values(DelegationRole);

/** A person belongs to an organisation's delegation with a role. */
@Entity({ name: 'memberships' })
@Index('UQ_memberships_user_organisation', ['userId', 'organisationId'], { unique: true })
export class Membership {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  @Index('IDX_memberships_organisation')
  @Column({ ...ID_COLUMN, name: 'organisation_id' })
  organisationId: string;

  @Column({ name: 'delegation_role', type: 'varchar', length: 16 })
  delegationRole: DelegationRole;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;

  @ManyToOne('User', 'memberships', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_memberships_user' })
  user?: User;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_memberships_organisation' })
  organisation?: Organisation;
}
