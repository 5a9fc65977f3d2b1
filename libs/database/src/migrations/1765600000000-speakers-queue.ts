import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaTypes } from './schema';

/**
 * The speakers list as the chair runs it: the place the chair gives each
 * request (`position`), the time the chair adds to a speech
 * (`extended_seconds`), and at most one waiting request per delegation and
 * kind, held by the database so that two requests at once cannot both get in.
 * Requests that a race let in twice before are kept once, the earliest.
 */
export class SpeakersQueue1765600000000 implements MigrationInterface {
  name = 'SpeakersQueue1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = schemaTypes(queryRunner);
    await queryRunner.addColumn('speaker_entries', new TableColumn({ name: 'position', type: 'integer', isNullable: true }));
    await queryRunner.addColumn('speaker_entries', new TableColumn(t.int('extended_seconds', 0)));
    await queryRunner.query(
      `UPDATE speaker_entries SET status = 'withdrawn', ended_at = requested_at
       WHERE status = 'waiting' AND EXISTS (
         SELECT 1 FROM speaker_entries earlier
         WHERE earlier.session_id = speaker_entries.session_id AND earlier.organisation_id = speaker_entries.organisation_id
           AND earlier.kind = speaker_entries.kind AND earlier.status = 'waiting'
           AND (earlier.requested_at < speaker_entries.requested_at OR (earlier.requested_at = speaker_entries.requested_at AND earlier.id < speaker_entries.id)))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_speaker_entries_waiting" ON "speaker_entries" ("session_id", "organisation_id", "kind") WHERE "status" = 'waiting'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_speaker_entries_waiting"`);
    await queryRunner.dropColumn('speaker_entries', 'extended_seconds');
    await queryRunner.dropColumn('speaker_entries', 'position');
  }
}
