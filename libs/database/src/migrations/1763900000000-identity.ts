import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaTypes } from './schema';

/** Accounts, organisations, memberships, invitations, sessions, the mail outbox and the audit log. */
export class Identity1763900000000 implements MigrationInterface {
  name = 'Identity1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = schemaTypes(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          t.id(),
          t.text('email', 320),
          t.text('display_name', 200),
          t.text('password_hash', 255),
          t.text('platform_role', 32),
          t.text('locale', 8, false, 'en'),
          t.text('time_zone', 64, false, 'UTC'),
          t.timestamp('disabled_at', true),
          t.timestamp('password_changed_at'),
          t.timestamp('created_at'),
          t.timestamp('updated_at'),
        ],
        indices: [{ name: 'UQ_users_email', columnNames: ['email'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'organisations',
        columns: [
          t.id(),
          t.text('kind', 32),
          t.text('name', 200),
          t.text('short_name', 64),
          t.text('country_code', 2, true),
          t.timestamp('created_at'),
          t.timestamp('updated_at'),
        ],
        indices: [
          { name: 'IDX_organisations_kind', columnNames: ['kind'] },
          { name: 'UQ_organisations_name', columnNames: ['name'], isUnique: true },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'memberships',
        columns: [t.id(), t.ref('user_id'), t.ref('organisation_id'), t.text('delegation_role', 16), t.timestamp('created_at')],
        indices: [
          { name: 'UQ_memberships_user_organisation', columnNames: ['user_id', 'organisation_id'], isUnique: true },
          { name: 'IDX_memberships_organisation', columnNames: ['organisation_id'] },
        ],
        foreignKeys: [
          { name: 'FK_memberships_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          {
            name: 'FK_memberships_organisation',
            columnNames: ['organisation_id'],
            referencedTableName: 'organisations',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'invitations',
        columns: [
          t.id(),
          t.text('kind', 16),
          t.text('email', 320, true),
          t.ref('organisation_id', true),
          t.text('delegation_role', 16, true),
          t.text('platform_role', 32),
          t.text('token_hash', 64),
          t.timestamp('expires_at'),
          t.timestamp('accepted_at', true),
          t.ref('accepted_by_id', true),
          t.timestamp('revoked_at', true),
          t.ref('invited_by_id', true),
          t.timestamp('created_at'),
        ],
        indices: [
          { name: 'IDX_invitations_email', columnNames: ['email'] },
          { name: 'UQ_invitations_token_hash', columnNames: ['token_hash'], isUnique: true },
        ],
        foreignKeys: [
          {
            name: 'FK_invitations_organisation',
            columnNames: ['organisation_id'],
            referencedTableName: 'organisations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          t.id(),
          t.ref('user_id'),
          t.text('user_agent', 512, true),
          t.text('ip_address', 64, true),
          t.timestamp('created_at'),
          t.timestamp('last_used_at'),
          t.timestamp('expires_at'),
          t.timestamp('revoked_at', true),
          t.text('revoked_reason', 64, true),
        ],
        indices: [{ name: 'IDX_auth_sessions_user', columnNames: ['user_id'] }],
        foreignKeys: [
          { name: 'FK_auth_sessions_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [t.id(), t.ref('session_id'), t.text('token_hash', 64), t.timestamp('created_at'), t.timestamp('used_at', true)],
        indices: [{ name: 'IDX_refresh_tokens_session', columnNames: ['session_id'] }],
        foreignKeys: [
          {
            name: 'FK_refresh_tokens_session',
            columnNames: ['session_id'],
            referencedTableName: 'auth_sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          t.id(),
          t.text('recipient', 320),
          t.text('subject', 300),
          t.longText('text_body'),
          t.timestamp('created_at'),
          t.timestamp('sent_at', true),
          t.int('attempts'),
          t.text('last_error', 500, true),
        ],
        indices: [{ name: 'IDX_mail_outbox_sent_at', columnNames: ['sent_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          t.id(),
          t.text('type', 64),
          t.ref('actor_id', true),
          t.text('target_type', 32, true),
          t.text('target_id', 64, true),
          t.text('ip_address', 64, true),
          t.longText('details', true),
          t.timestamp('created_at'),
        ],
        indices: [
          { name: 'IDX_audit_events_type', columnNames: ['type'] },
          { name: 'IDX_audit_events_created_at', columnNames: ['created_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'mail_outbox', 'refresh_tokens', 'auth_sessions', 'invitations', 'memberships', 'organisations', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
