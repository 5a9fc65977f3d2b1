import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { schemaTypes } from './schema';

/**
 * Invitations for a summit's delegation (the summit and the role the invitee
 * is named in), in the language and time zone the inviter chose, resent with
 * a count and a date; and single-use password-reset links.
 */
export class InvitationsAndResets1765300000000 implements MigrationInterface {
  name = 'InvitationsAndResets1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = schemaTypes(queryRunner);
    await queryRunner.addColumns('invitations', [
      new TableColumn(t.ref('summit_id', true)),
      new TableColumn(t.text('summit_role', 32, true)),
      new TableColumn(t.text('locale', 8, false, 'en')),
      new TableColumn(t.text('time_zone', 64, false, 'UTC')),
      new TableColumn(t.int('sent_count', 1)),
      new TableColumn(t.timestamp('last_sent_at', true)),
    ]);
    // Every invitation so far was mailed once, when it was made; the setup link is printed, never mailed.
    await queryRunner.query(`UPDATE invitations SET last_sent_at = created_at WHERE kind = 'invitation'`);
    await queryRunner.createIndex('invitations', new TableIndex({ name: 'IDX_invitations_summit', columnNames: ['summit_id'] }));
    await queryRunner.createForeignKey(
      'invitations',
      new TableForeignKey({ name: 'FK_invitations_summit', columnNames: ['summit_id'], referencedTableName: 'summits', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'password_reset_tokens',
        columns: [
          t.id(),
          t.ref('user_id'),
          t.text('token_hash', 64),
          t.timestamp('created_at'),
          t.timestamp('expires_at'),
          t.timestamp('used_at', true),
          t.text('requested_ip', 64, true),
        ],
        indices: [
          { name: 'IDX_password_reset_tokens_user', columnNames: ['user_id'] },
          { name: 'UQ_password_reset_tokens_token_hash', columnNames: ['token_hash'], isUnique: true },
        ],
        foreignKeys: [
          { name: 'FK_password_reset_tokens_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_reset_tokens');
    await queryRunner.dropForeignKey('invitations', 'FK_invitations_summit');
    await queryRunner.dropIndex('invitations', 'IDX_invitations_summit');
    for (const column of ['last_sent_at', 'sent_count', 'time_zone', 'locale', 'summit_role', 'summit_id']) {
      await queryRunner.dropColumn('invitations', column);
    }
  }
}
