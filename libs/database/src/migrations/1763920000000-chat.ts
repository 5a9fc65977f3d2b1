import { MigrationInterface, QueryRunner, Table, TableForeignKeyOptions } from 'typeorm';
import { schemaTypes } from './schema';

function fk(name: string, column: string, table: string, onDelete: 'CASCADE' | 'SET NULL'): TableForeignKeyOptions {
  return { name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete };
}

/** Chat channels, messages with their revisions, read markers and mutes. */
export class Chat1763920000000 implements MigrationInterface {
  name = 'Chat1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = schemaTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'chat_channels',
        columns: [
          t.id(),
          t.ref('summit_id'),
          t.text('kind', 16),
          t.text('scope_key', 100),
          t.ref('session_id', true),
          t.ref('organisation_id', true),
          t.longText('member_ids'),
          t.text('title', 200),
          t.int('last_sequence'),
          t.timestamp('created_at'),
        ],
        indices: [{ name: 'UQ_chat_channels_scope', columnNames: ['summit_id', 'scope_key'], isUnique: true }],
        foreignKeys: [fk('FK_chat_channels_summit', 'summit_id', 'summits', 'CASCADE'), fk('FK_chat_channels_session', 'session_id', 'summit_sessions', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_messages',
        columns: [
          t.id(),
          t.ref('channel_id'),
          { name: 'sequence', type: 'integer' },
          t.text('client_message_id', 64),
          t.ref('author_id'),
          t.longText('body'),
          t.ref('reply_to_id', true),
          t.longText('mentions'),
          t.bool('pinned'),
          t.timestamp('edited_at', true),
          t.timestamp('deleted_at', true),
          t.ref('deleted_by_id', true),
          t.timestamp('created_at'),
        ],
        indices: [
          { name: 'UQ_chat_messages_channel_sequence', columnNames: ['channel_id', 'sequence'], isUnique: true },
          { name: 'UQ_chat_messages_author_client_id', columnNames: ['author_id', 'client_message_id'], isUnique: true },
        ],
        foreignKeys: [fk('FK_chat_messages_channel', 'channel_id', 'chat_channels', 'CASCADE'), fk('FK_chat_messages_author', 'author_id', 'users', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_message_revisions',
        columns: [t.id(), t.ref('message_id'), t.longText('body'), t.ref('changed_by_id'), t.timestamp('created_at')],
        indices: [{ name: 'IDX_chat_message_revisions_message', columnNames: ['message_id'] }],
        foreignKeys: [fk('FK_chat_message_revisions_message', 'message_id', 'chat_messages', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_read_markers',
        columns: [t.id(), t.ref('channel_id'), t.ref('user_id'), t.int('last_read_sequence'), t.timestamp('updated_at')],
        indices: [{ name: 'UQ_chat_read_markers_channel_user', columnNames: ['channel_id', 'user_id'], isUnique: true }],
        foreignKeys: [fk('FK_chat_read_markers_channel', 'channel_id', 'chat_channels', 'CASCADE'), fk('FK_chat_read_markers_user', 'user_id', 'users', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_mutes',
        columns: [t.id(), t.ref('summit_id'), t.ref('user_id'), t.ref('muted_by_id'), t.timestamp('until', true), t.timestamp('created_at')],
        indices: [{ name: 'UQ_chat_mutes_summit_user', columnNames: ['summit_id', 'user_id'], isUnique: true }],
        foreignKeys: [fk('FK_chat_mutes_summit', 'summit_id', 'summits', 'CASCADE'), fk('FK_chat_mutes_user', 'user_id', 'users', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['chat_mutes', 'chat_read_markers', 'chat_message_revisions', 'chat_messages', 'chat_channels']) await queryRunner.dropTable(table);
  }
}
