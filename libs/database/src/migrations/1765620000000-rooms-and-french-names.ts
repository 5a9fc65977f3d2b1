import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { schemaTypes } from './schema';

/**
 * A summit's rooms, the room a session is held in, and the French names of
 * organisations, sessions and rooms, so each reader sees theirs.
 */
export class RoomsAndFrenchNames1765620000000 implements MigrationInterface {
  name = 'RoomsAndFrenchNames1765620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = schemaTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'summit_rooms',
        columns: [t.id(), t.ref('summit_id'), t.text('name', 100), t.text('name_fr', 100, true), { name: 'capacity', type: 'integer', isNullable: true }, t.timestamp('created_at'), t.timestamp('updated_at')],
        indices: [{ name: 'IDX_summit_rooms_summit', columnNames: ['summit_id'] }],
        foreignKeys: [{ name: 'FK_summit_rooms_summit', columnNames: ['summit_id'], referencedTableName: 'summits', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.addColumns('summit_sessions', [new TableColumn(t.ref('room_id', true)), new TableColumn(t.text('title_fr', 200, true))]);
    await queryRunner.createIndex('summit_sessions', new TableIndex({ name: 'IDX_summit_sessions_room', columnNames: ['room_id'] }));
    await queryRunner.createForeignKey(
      'summit_sessions',
      new TableForeignKey({ name: 'FK_summit_sessions_room', columnNames: ['room_id'], referencedTableName: 'summit_rooms', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
    );
    await queryRunner.addColumns('organisations', [new TableColumn(t.text('name_fr', 200, true)), new TableColumn(t.text('short_name_fr', 64, true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('organisations', 'short_name_fr');
    await queryRunner.dropColumn('organisations', 'name_fr');
    await queryRunner.dropForeignKey('summit_sessions', 'FK_summit_sessions_room');
    await queryRunner.dropIndex('summit_sessions', 'IDX_summit_sessions_room');
    await queryRunner.dropColumn('summit_sessions', 'title_fr');
    await queryRunner.dropColumn('summit_sessions', 'room_id');
    await queryRunner.dropTable('summit_rooms');
  }
}
