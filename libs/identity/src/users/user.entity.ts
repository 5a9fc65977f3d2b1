import { ID_COLUMN, TimestampedEntity, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, OneToMany, PrimaryColumn } from 'typeorm';
import { PlatformRole } from '../permissions/permission';
import type { Membership } from '../organisations/membership.entity';

@Entity({ name: 'users' })
export class User extends TimestampedEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** Stored lower-cased; unique. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'platform_role', type: 'varchar', length: 32 })
  platformRole: PlatformRole;

  /** The language of the web client and of the person's mails (`LOCALES`); the header's language switch saves it here. */
  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  @Column(utcTimestamp({ name: 'disabled_at', nullable: true }))
  disabledAt: Date | null;

  @Column(utcTimestamp({ name: 'password_changed_at' }))
  passwordChangedAt: Date;

  @OneToMany('Membership', 'user')
  memberships?: Membership[];
}
