import { ID_COLUMN, TimestampedEntity, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ParticipationStatus {
  Invited = 'invited',
  Confirmed = 'confirmed',
  Declined = 'declined',
  Withdrawn = 'withdrawn',
  Observer = 'observer',
}

/** An organisation's place in a summit. */
@Entity({ name: 'participations' })
@Index('UQ_participations_summit_organisation', ['summitId', 'organisationId'], { unique: true })
export class Participation extends TimestampedEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'summit_id' })
  summitId: string;

  @Index('IDX_participations_organisation')
  @Column({ ...ID_COLUMN, name: 'organisation_id' })
  organisationId: string;

  @Column({ type: 'varchar', length: 16 })
  status: ParticipationStatus;

  /** The delegation's capital time zone, used to find fair meeting hours. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  /** When the organisation joined; later than the summit's creation for an accession after the fact. */
  @Column(utcTimestamp({ name: 'joined_at', nullable: true }))
  joinedAt: Date | null;
}
