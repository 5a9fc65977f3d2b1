import { QueryFailedError, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

/** What is used of a better-sqlite3 connection and its prepared statements. */
interface Statement {
  run(...parameters: unknown[]): { changes: number };
  get(...parameters: unknown[]): unknown;
}
interface Database {
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  transaction<T>(work: () => T): () => T;
}

/** The statements one synchronous transaction runs: SQL with `?` placeholders, or an entity's row. */
export interface SqliteWriter {
  /** Runs a statement and gives its first row (`RETURNING` included), if any. */
  get<R = Record<string, unknown>>(sql: string, parameters: readonly unknown[]): R | undefined;
  /** Inserts an entity's row: each column it has a value for, converted as TypeORM writes it. */
  insert<T extends ObjectLiteral>(target: EntityTarget<T>, entity: T): void;
  /** Inserts an entity's row, or on a clash of the `conflict` columns updates the `update` ones of the row there. */
  upsert<T extends ObjectLiteral>(target: EntityTarget<T>, entity: T, conflict: readonly (keyof T & string)[], update: readonly (keyof T & string)[]): void;
  /** A value read back, converted as TypeORM reads that entity's column (instants, booleans, JSON). */
  read<T extends ObjectLiteral>(target: EntityTarget<T>, property: keyof T & string, value: unknown): unknown;
}

/**
 * Writes on a hot path run on SQLite as one synchronous transaction of
 * prepared statements on the connection TypeORM also uses. Nothing else can
 * run on the connection meanwhile (it is one thread's), so the transaction
 * is atomic and costs neither a query runner nor the query builder for each
 * statement, which take many times what SQLite does for a small write.
 *
 * `transaction` gives `null`, and the caller takes its general path, when
 * the process runs on another database or when one of TypeORM's own
 * transactions is open on the connection: that one awaits between its
 * statements, and statements run then would become part of it.
 *
 * Columns and conversions come from the entities' metadata, so a column
 * added to an entity is written here too.
 */
export class SqliteWrites {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly dataSource: DataSource) {}

  /** Whether the process runs on SQLite, where `transaction` can run. */
  get available(): boolean {
    return this.connection() !== null;
  }

  transaction<T>(work: (writer: SqliteWriter) => T): T | null {
    const db = this.connection();
    if (!db || db.inTransaction) return null;
    const writer = this.writer(db);
    try {
      return db.transaction(() => work(writer))();
    } catch (error) {
      // A failed statement is reported as TypeORM reports one, so callers handle both paths alike.
      if (isSqliteError(error)) throw new QueryFailedError('(sqlite-writes)', [], error);
      throw error;
    }
  }

  private connection(): Database | null {
    const driver = this.dataSource.driver as { options: { type: string }; databaseConnection?: Database };
    return driver.options.type === 'better-sqlite3' && driver.databaseConnection ? driver.databaseConnection : null;
  }

  private statement(db: Database, sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  private writer(db: Database): SqliteWriter {
    const driver = this.dataSource.driver;
    const row = <T extends ObjectLiteral>(metadata: EntityMetadata, entity: T): [ColumnMetadata[], unknown[]] => {
      const columns = metadata.columns.filter((column) => !column.isVirtual && column.getEntityValue(entity) !== undefined);
      return [columns, columns.map((column) => driver.preparePersistentValue(column.getEntityValue(entity), column) as unknown)];
    };
    const insertSql = (metadata: EntityMetadata, columns: ColumnMetadata[]): string =>
      `INSERT INTO ${quote(metadata.tableName)} (${columns.map((column) => quote(column.databaseName)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    const column = (metadata: EntityMetadata, property: string): ColumnMetadata => {
      const found = metadata.findColumnWithPropertyName(property);
      if (!found) throw new Error(`${metadata.name} has no column ${property}`);
      return found;
    };
    return {
      get: <R>(sql: string, parameters: readonly unknown[]) => this.statement(db, sql).get(...parameters) as R | undefined,
      insert: (target, entity) => {
        const metadata = this.dataSource.getMetadata(target);
        const [columns, values] = row(metadata, entity);
        this.statement(db, insertSql(metadata, columns)).run(...values);
      },
      upsert: (target, entity, conflict, update) => {
        const metadata = this.dataSource.getMetadata(target);
        const [columns, values] = row(metadata, entity);
        const conflictNames = conflict.map((property) => quote(column(metadata, property).databaseName));
        const assignments = update.map((property) => {
          const name = quote(column(metadata, property).databaseName);
          return `${name} = excluded.${name}`;
        });
        this.statement(db, `${insertSql(metadata, columns)} ON CONFLICT (${conflictNames.join(', ')}) DO UPDATE SET ${assignments.join(', ')}`).run(...values);
      },
      read: (target, property, value) => driver.prepareHydratedValue(value, column(this.dataSource.getMetadata(target), property)) as unknown,
    };
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function isSqliteError(error: unknown): error is Error & { code: string } {
  // Not `instanceof Error`: the driver's errors may come from another realm (a test sandbox).
  const code = (error as { code?: unknown } | null)?.code;
  return typeof error === 'object' && error !== null && typeof code === 'string' && code.startsWith('SQLITE_');
}
