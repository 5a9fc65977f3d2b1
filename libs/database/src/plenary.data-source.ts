import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { bindIntegerParameters } from './sqlite-parameters';

/**
 * On SQLite every caller shares one connection, so two transactions that
 * overlap in time would interleave on it and break each other. Here
 * transactions run one after another on SQLite; PostgreSQL keeps its pool
 * and runs them concurrently. Services must not open a transaction inside
 * another: they pass the manager down instead. On SQLite, integer
 * parameters are bound rather than written into the SQL, so that a query
 * is one prepared statement whatever its values (`bindIntegerParameters`).
 */
export class PlenaryDataSource extends DataSource {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: DataSourceOptions) {
    super(options);
    if (options.type === 'better-sqlite3') bindIntegerParameters(this.driver);
  }

  override transaction<T>(runInTransaction: (manager: EntityManager) => Promise<T>): Promise<T>;
  override transaction<T>(isolationLevel: IsolationLevel, runInTransaction: (manager: EntityManager) => Promise<T>): Promise<T>;
  override transaction<T>(
    first: IsolationLevel | ((manager: EntityManager) => Promise<T>),
    second?: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const run = () => (typeof first === 'function' ? super.transaction(first) : super.transaction(first, second!));
    if (this.options.type !== 'better-sqlite3') return run();
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
