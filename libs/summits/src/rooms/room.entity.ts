import { ID_COLUMN, TimestampedEntity } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A room of a summit (physical or virtual track): sessions are held in it, one at a time. */
@Entity({ name: 'summit_rooms' })
@Index('IDX_summit_rooms_summit', ['summitId'])
export class SummitRoom extends TimestampedEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'summit_id' })
  summitId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The name in French, when it differs; readers in French see it. */
  @Column({ name: 'name_fr', type: 'varchar', length: 100, nullable: true })
  nameFr: string | null;

  @Column({ type: 'integer', nullable: true })
  capacity: number | null;
}
