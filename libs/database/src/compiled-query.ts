import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** What is used of a better-sqlite3 connection and its prepared statements. */
interface Statement {
  all(...parameters: unknown[]): unknown[];
}
interface Database {
  prepare(sql: string): Statement;
}

/** A parameter a compiled query takes at each run: text or an instant (numbers may be written into the SQL by a driver, so they are not taken). */
export type CompiledParameter = string | Date | null;

/**
 * A query on a hot path, built once with TypeORM's query builder and run
 * after that as the SQL it produced, with only the values bound anew. The
 * builder's work (aliases, escaping, column lists, and on reading, turning
 * rows into entities with their relations) costs many times what the
 * database does for a lookup by key; every authenticated request runs
 * several such lookups. The SQL is the builder's own, so it is right for
 * whichever database the process runs on.
 *
 * `build` receives a placeholder for each named parameter and must use them
 * only as parameter values; everything else in the query is fixed when it is
 * first run. Rows come back raw, under the aliases the query selects; use
 * `hydrate` for an entity's columns.
 */
export class CompiledQuery<P extends string> {
  private compiled?: { sql: string; bindings: ({ name: P } | { constant: unknown })[]; statement: Statement | null };

  constructor(
    private readonly dataSource: DataSource,
    private readonly names: readonly P[],
    private readonly build: (parameter: Record<P, string>) => SelectQueryBuilder<ObjectLiteral>,
  ) {}

  async run<R = Record<string, unknown>>(values: Record<P, CompiledParameter>): Promise<R[]> {
    const { sql, bindings, statement } = (this.compiled ??= this.compile());
    const parameters = bindings.map((binding) => ('name' in binding ? this.bound(values[binding.name]) : binding.constant));
    // On SQLite the statement is prepared once and run on the one connection TypeORM also uses, without a query runner for each run.
    if (statement) return statement.all(...parameters) as R[];
    return this.dataSource.query(sql, parameters) as Promise<R[]>;
  }

  private compile(): { sql: string; bindings: ({ name: P } | { constant: unknown })[]; statement: Statement | null } {
    const marker = `\u0001compiled-query-${Math.random().toString(36).slice(2)}:`;
    const placeholders = Object.fromEntries(this.names.map((name) => [name, `${marker}${name}`])) as Record<P, string>;
    const [sql, parameters] = this.build(placeholders).getQueryAndParameters();
    if (sql.includes(marker)) throw new Error('A compiled query may use its parameters as bound values only');
    const bindings = (parameters as unknown[]).map((value) =>
      typeof value === 'string' && value.startsWith(marker)
        ? { name: value.slice(marker.length) as P }
        : // better-sqlite3 binds no booleans; TypeORM's runner turns them into 0 and 1.
          { constant: typeof value === 'boolean' ? Number(value) : value },
    );
    return { sql, bindings, statement: this.sqlite()?.prepare(sql) ?? null };
  }

  /** The better-sqlite3 connection, when the process runs on SQLite. */
  private sqlite(): Database | null {
    const driver = this.dataSource.driver as { options: { type: string }; databaseConnection?: Database };
    return driver.options.type === 'better-sqlite3' && driver.databaseConnection ? driver.databaseConnection : null;
  }

  /** A value as the driver binds it: on SQLite an instant is its UTC text (`2026-05-14 08:00:00.000`), as TypeORM writes it. */
  private bound(value: CompiledParameter): unknown {
    if (typeof value === 'string' || value === null) return value;
    return this.compiled?.statement ? value.toISOString().slice(0, 23).replace('T', ' ') : value;
  }
}

/**
 * An entity from a raw row whose columns were selected under `alias`
 * (`alias_column`, as the query builder names them), each value converted
 * as the driver converts what it reads (instants, booleans, JSON).
 */
export function hydrate<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>, alias: string): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const [key, column] of aliasedColumns(metadata.columns, alias)) {
    if (key in row) (entity as ObjectLiteral)[column.propertyName] = dataSource.driver.prepareHydratedValue(row[key], column);
  }
  return entity;
}

/** Each column of an entity under the name a query builder selects it as with `alias`, worked out once. */
const aliased = new WeakMap<readonly ColumnMetadata[], Map<string, [string, ColumnMetadata][]>>();
function aliasedColumns(columns: readonly ColumnMetadata[], alias: string): [string, ColumnMetadata][] {
  let byAlias = aliased.get(columns);
  if (!byAlias) aliased.set(columns, (byAlias = new Map()));
  let list = byAlias.get(alias);
  if (!list) byAlias.set(alias, (list = columns.map((column) => [`${alias}_${column.databaseName}`, column])));
  return list;
}
