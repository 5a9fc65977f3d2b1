import { MigrationInterface, QueryRunner, Table, TableForeignKeyOptions } from 'typeorm';
import { schemaTypes } from './schema';

function fk(name: string, column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL'): TableForeignKeyOptions {
  return { name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete };
}

/** Summits, the organisations taking part, per-summit roles, the agenda, its history, speakers lists and calendar feeds. */
export class Summits1763910000000 implements MigrationInterface {
  name = 'Summits1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = schemaTypes(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'summits',
        columns: [
          t.id(),
          t.text('title', 200),
          { name: 'description', type: 'text', default: "''" },
          t.ref('host_organisation_id'),
          t.text('time_zone', 64),
          t.timestamp('starts_at'),
          t.timestamp('ends_at'),
          t.text('status', 16),
          t.text('agenda_visibility', 16),
          t.text('outcome_visibility', 16),
          t.timestamp('created_at'),
          t.timestamp('updated_at'),
        ],
        indices: [{ name: 'IDX_summits_host_organisation', columnNames: ['host_organisation_id'] }],
        foreignKeys: [fk('FK_summits_host_organisation', 'host_organisation_id', 'organisations', 'RESTRICT')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'participations',
        columns: [
          t.id(),
          t.ref('summit_id'),
          t.ref('organisation_id'),
          t.text('status', 16),
          t.text('time_zone', 64),
          t.timestamp('joined_at', true),
          t.timestamp('created_at'),
          t.timestamp('updated_at'),
        ],
        indices: [
          { name: 'UQ_participations_summit_organisation', columnNames: ['summit_id', 'organisation_id'], isUnique: true },
          { name: 'IDX_participations_organisation', columnNames: ['organisation_id'] },
        ],
        foreignKeys: [
          fk('FK_participations_summit', 'summit_id', 'summits', 'CASCADE'),
          fk('FK_participations_organisation', 'organisation_id', 'organisations', 'RESTRICT'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'summit_members',
        columns: [t.id(), t.ref('summit_id'), t.ref('user_id'), t.ref('organisation_id', true), t.text('role', 32), t.bool('is_proxy'), t.timestamp('created_at')],
        indices: [
          { name: 'UQ_summit_members_summit_user', columnNames: ['summit_id', 'user_id'], isUnique: true },
          { name: 'IDX_summit_members_user', columnNames: ['user_id'] },
        ],
        foreignKeys: [
          fk('FK_summit_members_summit', 'summit_id', 'summits', 'CASCADE'),
          fk('FK_summit_members_user', 'user_id', 'users', 'CASCADE'),
          fk('FK_summit_members_organisation', 'organisation_id', 'organisations', 'RESTRICT'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'summit_sessions',
        columns: [
          t.id(),
          t.ref('summit_id'),
          t.text('kind', 32),
          t.text('title', 200),
          { name: 'description', type: 'text', default: "''" },
          t.timestamp('starts_at'),
          t.timestamp('ends_at'),
          t.text('room', 100, true),
          t.text('status', 16),
          t.int('sequence'),
          t.longText('chair_ids'),
          t.longText('organisation_ids'),
          t.longText('documents'),
          t.text('video_room_id', 64),
          t.text('speakers_order', 16, false, 'request_time'),
          { name: 'speech_seconds', type: 'integer', isNullable: true },
          { name: 'delegation_budget_seconds', type: 'integer', isNullable: true },
          t.timestamp('created_at'),
          t.timestamp('updated_at'),
        ],
        indices: [{ name: 'IDX_summit_sessions_summit_starts', columnNames: ['summit_id', 'starts_at'] }],
        foreignKeys: [fk('FK_summit_sessions_summit', 'summit_id', 'summits', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'schedule_changes',
        columns: [
          t.id(),
          t.ref('session_id'),
          t.text('kind', 16),
          t.timestamp('from_starts_at'),
          t.timestamp('from_ends_at'),
          t.timestamp('to_starts_at'),
          t.timestamp('to_ends_at'),
          t.text('reason', 500),
          t.ref('changed_by_id'),
          t.timestamp('created_at'),
        ],
        indices: [{ name: 'IDX_schedule_changes_session', columnNames: ['session_id'] }],
        foreignKeys: [fk('FK_schedule_changes_session', 'session_id', 'summit_sessions', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'speaker_entries',
        columns: [
          t.id(),
          t.ref('session_id'),
          t.ref('organisation_id'),
          t.ref('user_id', true),
          t.text('kind', 16),
          t.text('status', 16),
          t.timestamp('requested_at'),
          { name: 'protocol_rank', type: 'integer', isNullable: true },
          { name: 'allotted_seconds', type: 'integer', isNullable: true },
          t.int('used_seconds'),
          t.timestamp('running_since', true),
          t.timestamp('started_at', true),
          t.timestamp('ended_at', true),
        ],
        indices: [{ name: 'IDX_speaker_entries_session', columnNames: ['session_id'] }],
        foreignKeys: [
          fk('FK_speaker_entries_session', 'session_id', 'summit_sessions', 'CASCADE'),
          fk('FK_speaker_entries_organisation', 'organisation_id', 'organisations', 'RESTRICT'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'calendar_feeds',
        columns: [t.id(), t.ref('user_id'), t.ref('summit_id', true), t.text('token_hash', 64), t.timestamp('created_at')],
        indices: [
          { name: 'IDX_calendar_feeds_user', columnNames: ['user_id'] },
          { name: 'UQ_calendar_feeds_token_hash', columnNames: ['token_hash'], isUnique: true },
        ],
        foreignKeys: [fk('FK_calendar_feeds_user', 'user_id', 'users', 'CASCADE'), fk('FK_calendar_feeds_summit', 'summit_id', 'summits', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['calendar_feeds', 'speaker_entries', 'schedule_changes', 'summit_sessions', 'summit_members', 'participations', 'summits']) {
      await queryRunner.dropTable(table);
    }
  }
}
