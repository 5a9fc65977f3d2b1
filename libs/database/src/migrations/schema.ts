import { QueryRunner, TableColumnOptions } from 'typeorm';

/** Column builders that give the same schema on SQLite and PostgreSQL. */
export function schemaTypes(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const timestamp = postgres ? 'timestamptz' : 'datetime';
  return {
    id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' }),
    ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
    text: (name: string, length: number, nullable = false, defaultValue?: string): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
      ...(defaultValue !== undefined ? { default: `'${defaultValue}'` } : {}),
    }),
    longText: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    int: (name: string, defaultValue = 0): TableColumnOptions => ({ name, type: 'integer', default: defaultValue }),
    bool: (name: string, defaultValue = false): TableColumnOptions => ({ name, type: 'boolean', default: defaultValue }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({ name, type: timestamp, isNullable: nullable }),
  };
}
