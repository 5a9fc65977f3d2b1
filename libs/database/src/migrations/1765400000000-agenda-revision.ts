import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaTypes } from './schema';

/**
 * A summit's agenda revision: raised in the same transaction as every change
 * to its sessions, so that every server process can tell, from the summit
 * row it reads anyway, whether an agenda it holds is still current.
 */
export class AgendaRevision1765400000000 implements MigrationInterface {
  name = 'AgendaRevision1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('summits', new TableColumn(schemaTypes(queryRunner).int('agenda_revision', 0)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('summits', 'agenda_revision');
  }
}
