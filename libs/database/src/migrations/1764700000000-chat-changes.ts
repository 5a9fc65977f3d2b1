import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { schemaTypes } from './schema';

/**
 * Chat catch-up and mentions: a per-channel change counter stamped on each
 * message at its creation and at every edit, deletion or pin (so a client
 * returning asks for what changed since the last revision it saw), and the
 * people each message mentions, for their unread mentions.
 */
export class ChatChanges1764700000000 implements MigrationInterface {
  name = 'ChatChanges1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = schemaTypes(queryRunner);
    await queryRunner.addColumn('chat_channels', new TableColumn(t.int('last_revision')));
    await queryRunner.addColumn('chat_messages', new TableColumn(t.int('revision')));
    // Until now every message changed last when it was sent, as far as catching up knew.
    await queryRunner.query('UPDATE chat_messages SET revision = sequence');
    await queryRunner.query('UPDATE chat_channels SET last_revision = last_sequence');
    await queryRunner.createIndex('chat_messages', new TableIndex({ name: 'IDX_chat_messages_channel_revision', columnNames: ['channel_id', 'revision'] }));
    await queryRunner.createTable(
      new Table({
        name: 'chat_mentions',
        columns: [t.id(), t.ref('message_id'), t.ref('channel_id'), t.ref('user_id'), { name: 'sequence', type: 'integer' }, t.timestamp('created_at')],
        indices: [
          { name: 'UQ_chat_mentions_message_user', columnNames: ['message_id', 'user_id'], isUnique: true },
          { name: 'IDX_chat_mentions_user_channel_sequence', columnNames: ['user_id', 'channel_id', 'sequence'] },
        ],
        foreignKeys: [
          { name: 'FK_chat_mentions_message', columnNames: ['message_id'], referencedTableName: 'chat_messages', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'FK_chat_mentions_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('chat_mentions');
    await queryRunner.dropIndex('chat_messages', 'IDX_chat_messages_channel_revision');
    await queryRunner.dropColumn('chat_messages', 'revision');
    await queryRunner.dropColumn('chat_channels', 'last_revision');
  }
}
