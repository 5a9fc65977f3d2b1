import { QueryFailedError } from 'typeorm';

/**
 * Whether a query failed because a foreign key still points at the row (a
 * delete refused by `RESTRICT`), on SQLite or PostgreSQL. For the lib that
 * owns a table referenced by the libs above it, which it cannot ask.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code, message } = (error.driverError ?? {}) as { code?: unknown; message?: unknown };
  if (code === '23503') return true;
  // SQLite reports a RESTRICT action as SQLITE_CONSTRAINT_TRIGGER, other foreign key failures as SQLITE_CONSTRAINT_FOREIGNKEY.
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && typeof message === 'string' && message.includes('FOREIGN KEY constraint failed');
}

/** Whether a query failed because a unique index already holds the value, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code, message } = (error.driverError ?? {}) as { code?: unknown; message?: unknown };
  if (code === '23505') return true;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && typeof message === 'string' && message.includes('UNIQUE constraint failed');
}
