import { loadConfig } from '@plenary/config';
import { dataSourceOptions } from '@plenary/database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { createPostgresDatabase, postgresServerUrl } from '../support/database';

const TABLES = ['users', 'organisations', 'memberships', 'invitations', 'auth_sessions', 'refresh_tokens', 'password_reset_tokens', 'mail_outbox', 'audit_events'];

/** An empty database of its own (SQLite, or PostgreSQL with DATABASE_URL), with no migration applied. */
async function withEmptyDatabase(run: (dataSource: DataSource, queryRunner: QueryRunner) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-migrations-'));
  const pgServer = postgresServerUrl();
  const pg = pgServer ? await createPostgresDatabase(pgServer) : undefined;
  const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: pg ? pg.url : `sqlite:${join(dir, 'db.sqlite')}`, JWT_SECRET: 'x'.repeat(32) }, dir);
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  const queryRunner = dataSource.createQueryRunner();
  try {
    await run(dataSource, queryRunner);
  } finally {
    await queryRunner.release();
    await dataSource.destroy();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reverts migrations, newest first, until the one named is reverted too; how many were reverted. */
async function revertThrough(dataSource: DataSource, name: string): Promise<number> {
  const applied = () => dataSource.query(`SELECT name FROM schema_migrations`) as Promise<{ name: string }[]>;
  let reverted = 0;
  while ((await applied()).some((m) => m.name === name)) {
    await dataSource.undoLastMigration();
    reverted += 1;
  }
  return reverted;
}

describe('Migrations', () => {
  it('apply from empty, revert completely and apply again', () =>
    withEmptyDatabase(async (dataSource, queryRunner) => {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      for (const table of TABLES) expect(await queryRunner.hasTable(table)).toBe(true);
      expect(await dataSource.runMigrations()).toEqual([]);
      expect(await queryRunner.hasColumn('invitations', 'summit_id')).toBe(true);

      // A migration reverts to the schema before it, keeping what came before.
      expect(await queryRunner.hasTable('summit_rooms')).toBe(true);
      expect(await queryRunner.hasColumn('summit_sessions', 'room_id')).toBe(true);
      expect(await queryRunner.hasColumn('organisations', 'short_name_fr')).toBe(true);
      expect(await revertThrough(dataSource, 'RoomsAndFrenchNames1765620000000')).toBe(1);
      expect(await queryRunner.hasTable('summit_rooms')).toBe(false);
      expect(await queryRunner.hasColumn('summit_sessions', 'title_fr')).toBe(false);
      expect(await queryRunner.hasColumn('organisations', 'name_fr')).toBe(false);
      expect(await queryRunner.hasColumn('summit_sessions', 'room')).toBe(true);
      expect(await queryRunner.hasColumn('speaker_entries', 'position')).toBe(true);
      expect(await revertThrough(dataSource, 'SpeakersQueue1765600000000')).toBe(1);
      expect(await queryRunner.hasColumn('speaker_entries', 'position')).toBe(false);
      expect(await queryRunner.hasColumn('speaker_entries', 'used_seconds')).toBe(true);
      expect(await queryRunner.hasColumn('summits', 'agenda_revision')).toBe(true);
      expect(await revertThrough(dataSource, 'AgendaRevision1765400000000')).toBeGreaterThan(0);
      expect(await queryRunner.hasColumn('summits', 'agenda_revision')).toBe(false);
      expect(await queryRunner.hasTable('password_reset_tokens')).toBe(true);
      const reverted = await revertThrough(dataSource, 'InvitationsAndResets1765300000000');
      expect(await queryRunner.hasTable('password_reset_tokens')).toBe(false);
      expect(await queryRunner.hasColumn('invitations', 'summit_id')).toBe(false);
      expect(await queryRunner.hasTable('invitations')).toBe(true);
      expect((await dataSource.runMigrations()).length).toBeGreaterThanOrEqual(reverted + 1);

      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      for (const table of TABLES) expect(await queryRunner.hasTable(table)).toBe(false);

      expect((await dataSource.runMigrations()).length).toBe(applied.length);
    }));

  it('keeps the invitations made before summits and resends came, as sent once when they were made', () =>
    withEmptyDatabase(async (dataSource) => {
      await dataSource.runMigrations();
      await revertThrough(dataSource, 'InvitationsAndResets1765300000000');
      const at = '2026-01-02 03:04:05.000';
      const organisation = { id: '00000000-0000-4000-8000-000000000001', kind: 'state', name: 'Canada', short_name: 'Canada', country_code: 'CA', created_at: at, updated_at: at };
      await dataSource.createQueryBuilder().insert().into('organisations').values(organisation).execute();
      const invitation = {
        id: '00000000-0000-4000-8000-000000000002',
        kind: 'invitation',
        email: 'sherpa@canada.example',
        organisation_id: organisation.id,
        delegation_role: 'leader',
        platform_role: 'participant',
        token_hash: 'a'.repeat(64),
        expires_at: at,
        created_at: at,
      };
      await dataSource.createQueryBuilder().insert().into('invitations').values(invitation).execute();

      await dataSource.runMigrations();

      const [row] = await dataSource.createQueryBuilder().select('*').from('invitations', 'i').getRawMany<Record<string, unknown>>();
      expect(row).toMatchObject({ email: 'sherpa@canada.example', token_hash: 'a'.repeat(64), summit_id: null, summit_role: null, locale: 'en', time_zone: 'UTC', sent_count: 1 });
      // Stored as each database stores timestamps: the same value as the invitation's creation.
      expect(row.last_sent_at).not.toBeNull();
      expect(String(row.last_sent_at)).toBe(String(row.created_at));
    }));

  it('keeps one waiting request per delegation and kind, the earliest, when two got in before', () =>
    withEmptyDatabase(async (dataSource) => {
      await dataSource.runMigrations();
      await revertThrough(dataSource, 'SpeakersQueue1765600000000');
      const at = (second: number) => `2026-01-02 03:04:${String(second).padStart(2, '0')}.000`;
      const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const insert = (table: string, values: Record<string, unknown>) => dataSource.createQueryBuilder().insert().into(table).values(values).execute();
      await insert('organisations', { id: id(1), kind: 'state', name: 'Canada', short_name: 'Canada', country_code: 'CA', created_at: at(0), updated_at: at(0) });
      const times = { starts_at: at(0), ends_at: at(1), created_at: at(0), updated_at: at(0) };
      await insert('summits', { id: id(2), title: 'Summit', host_organisation_id: id(1), time_zone: 'UTC', status: 'announced', agenda_visibility: 'participants', outcome_visibility: 'participants', ...times });
      await insert('summit_sessions', {
        id: id(3),
        summit_id: id(2),
        kind: 'plenary',
        title: 'Plenary',
        status: 'scheduled',
        sequence: 0,
        chair_ids: '[]',
        organisation_ids: '[]',
        documents: '[]',
        video_room_id: 'room',
        ...times,
      });
      const request = (n: number, second: number, kind = 'speech', status = 'waiting') =>
        insert('speaker_entries', { id: id(n), session_id: id(3), organisation_id: id(1), kind, status, requested_at: at(second), used_seconds: 0 });
      await request(11, 5);
      await request(10, 7);
      await request(12, 6, 'point_of_order');
      await request(13, 1, 'speech', 'done');

      await dataSource.runMigrations();

      const rows = await dataSource.query(`SELECT id, status FROM speaker_entries ORDER BY id`);
      expect(rows).toEqual([
        { id: id(10), status: 'withdrawn' },
        { id: id(11), status: 'waiting' },
        { id: id(12), status: 'waiting' },
        { id: id(13), status: 'done' },
      ]);
      await expect(request(14, 9)).rejects.toThrow();
    }));
});
