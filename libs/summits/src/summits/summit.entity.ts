import { ID_COLUMN, TimestampedEntity, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum SummitStatus {
  Draft = 'draft',
  Announced = 'announced',
  Live = 'live',
  Concluded = 'concluded',
  Cancelled = 'cancelled',
}

export enum Visibility {
  Public = 'public',
  Participants = 'participants',
}

@Entity({ name: 'summits' })
export class Summit extends TimestampedEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Index('IDX_summits_host_organisation')
  @Column({ ...ID_COLUMN, name: 'host_organisation_id' })
  hostOrganisationId: string;

  /** IANA zone the agenda is planned in, e.g. Europe/Paris. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column(utcTimestamp({ name: 'starts_at' }))
  startsAt: Date;

  @Column(utcTimestamp({ name: 'ends_at' }))
  endsAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: SummitStatus;

  @Column({ name: 'agenda_visibility', type: 'varchar', length: 16 })
  agendaVisibility: Visibility;

  @Column({ name: 'outcome_visibility', type: 'varchar', length: 16 })
  outcomeVisibility: Visibility;

  /**
   * Raised with every change to the summit's sessions, in the same
   * transaction (`raiseAgendaRevision`): an agenda built at an older revision
   * is out of date. Never written by saving a summit, which would put back
   * the revision it was read at.
   */
  @Column({ name: 'agenda_revision', type: 'integer', default: 0, insert: false, update: false })
  agendaRevision: number;
}
