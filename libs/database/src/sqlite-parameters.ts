import type { Driver, ObjectLiteral } from 'typeorm';

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** The parameter as SQLite should see an integer: a BigInt, which better-sqlite3 binds as an INTEGER. */
function asBound(value: unknown): unknown {
  if (isInteger(value)) return BigInt(value);
  if (Array.isArray(value) && value.some(isInteger)) return value.map((v: unknown) => (isInteger(v) ? BigInt(v) : v));
  return value;
}

/**
 * Integer parameters bound, not written into the SQL. TypeORM's SQLite
 * driver writes every number into the query text (better-sqlite3 binds a
 * JavaScript number as a REAL, which a text column would store as `5.0`),
 * so that each new value makes a new statement: prepared again, and pushed
 * through the driver's statement cache, where it evicts the statements
 * every request runs — a chat message's insert carries its sequence, so
 * every message made one. Bound as a BigInt, an integer is an SQLite
 * INTEGER, exactly as the literal was (in lists, `In([...])`, too, which
 * TypeORM bound as REALs); other numbers are left to TypeORM.
 */
export function bindIntegerParameters(driver: Driver): void {
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql: string, parameters: ObjectLiteral) => {
    if (!parameters) return escape(sql, parameters);
    let bound: ObjectLiteral | null = null;
    for (const [key, value] of Object.entries(parameters)) {
      const converted = asBound(value);
      if (converted === value) continue;
      bound ??= { ...parameters };
      bound[key] = converted;
    }
    return escape(sql, bound ?? parameters);
  };
}
