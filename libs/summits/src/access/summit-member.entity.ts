import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum SummitRole {
  Chair = 'chair',
  CoChair = 'co_chair',
  Secretariat = 'secretariat',
  HeadOfDelegation = 'head_of_delegation',
  Delegate = 'delegate',
  Interpreter = 'interpreter',
  Observer = 'observer',
}

export const SUMMIT_ROLES = Object.values(SummitRole);

/** The host side of a summit: who may edit it and run its sessions. */
export const HOST_ROLES: readonly SummitRole[] = [SummitRole.Chair, SummitRole.CoChair, SummitRole.Secretariat];

/** A person's role in one summit, and the delegation they attend with (none for the host side or interpreters). */
@Entity({ name: 'summit_members' })
@Index('UQ_summit_members_summit_user', ['summitId', 'userId'], { unique: true })
export class SummitMember {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'summit_id' })
  summitId: string;

  @Index('IDX_summit_members_user')
  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  @Column({ ...ID_COLUMN, name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 32 })
  role: SummitRole;

  /** May act on behalf of the delegation's leader (sign, speak). */
  @Column({ name: 'is_proxy', type: 'boolean', default: false })
  isProxy: boolean;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}
