import { loadConfig } from '@plenary/config';
import { dataSourceOptions } from '@plenary/database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createPostgresDatabase, postgresServerUrl } from '../support/database';

const TABLES = ['users', 'organisations', 'memberships', 'invitations', 'auth_sessions', 'refresh_tokens', 'mail_outbox', 'audit_events'];

describe('Migrations', () => {
  it('apply from empty, revert completely and apply again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-migrations-'));
    const pgServer = postgresServerUrl();
    const pg = pgServer ? await createPostgresDatabase(pgServer) : undefined;
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: pg ? pg.url : `sqlite:${join(dir, 'db.sqlite')}`, JWT_SECRET: 'x'.repeat(32) }, dir);
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    const queryRunner = dataSource.createQueryRunner();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      for (const table of TABLES) expect(await queryRunner.hasTable(table)).toBe(true);
      expect(await dataSource.runMigrations()).toEqual([]);

      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      for (const table of TABLES) expect(await queryRunner.hasTable(table)).toBe(false);

      expect((await dataSource.runMigrations()).length).toBe(applied.length);
    } finally {
      await queryRunner.release();
      await dataSource.destroy();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
