// Database owns the TypeORM data source (SQLite by default, PostgreSQL by
// DATABASE_URL), the migrations and the column conventions shared by entities.
export * from './columns';
export * from './compiled-query';
export * from './constraint-errors';
export * from './data-source.options';
export * from './database.module';
export * from './timestamped.entity';
export * from './plenary.data-source';
export * from './sqlite-writes';
