import { BeforeInsert, BeforeUpdate, Column } from 'typeorm';
import { utcTimestamp } from './columns';

/**
 * Creation and update times set by the application with millisecond precision
 * (database defaults differ between SQLite and PostgreSQL).
 */
export abstract class TimestampedEntity {
  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;

  @Column(utcTimestamp({ name: 'updated_at' }))
  updatedAt: Date;

  @BeforeInsert()
  protected stampInsert(): void {
    const now = new Date();
    this.createdAt ??= now;
    this.updatedAt ??= now;
  }

  @BeforeUpdate()
  protected stampUpdate(): void {
    this.updatedAt = new Date();
  }
}
