import { ColumnOptions } from 'typeorm';

/**
 * Entities are decorated when their module is first loaded, so the column type
 * of timestamps follows the database the process is configured for:
 * `timestamptz` on PostgreSQL, `datetime` (stored as UTC text) on SQLite.
 */
export function isPostgresProcess(): boolean {
  return /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
}

export function utcTimestamp(options: ColumnOptions = {}): ColumnOptions {
  return { type: isPostgresProcess() ? 'timestamptz' : 'datetime', ...options };
}

/** Application-generated UUID primary and foreign keys. */
export const ID_COLUMN = { type: 'varchar', length: 36 } as const;
