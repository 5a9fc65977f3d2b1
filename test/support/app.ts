import 'reflect-metadata';
import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@plenary/config';
import { FirstAdminService, PlatformRole, UsersService, User } from '@plenary/identity';
import { MailMessage } from '@plenary/mail';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/server/src/app.module';
import { configureApp, configureRealtime } from '../../apps/server/src/app.setup';
import { createPostgresDatabase, postgresServerUrl } from './database';
import { freePort, joinByInvitation, signIn, SignedInClient, TEST_ADMIN_EMAIL, TEST_PASSWORD, tokenOfLink } from './server';
import { SummitFixture, summitFixture } from './summit-fixture';

export { TEST_PASSWORD } from './server';
export type { SignedInClient } from './server';
export type { OrganisationInput, ParticipantInput, SummitInput } from './summit-fixture';

export interface TestUserInput {
  email: string;
  password: string;
  displayName?: string;
  platformRole?: PlatformRole;
}

/** A running server, and the summit fixture (`createOrganisation`, `createSummit`) to set the stage through its API. */
export interface TestApp extends SummitFixture {
  app: INestApplication;
  url: string;
  config: AppConfig;
  dataSource: DataSource;
  http: ReturnType<typeof request>;
  createUser(input: TestUserInput): Promise<User>;
  signIn(email: string, password: string): Promise<SignedInClient>;
  /** Messages in the mail outbox addressed to `to`, newest last. */
  mailTo(to: string): Promise<MailMessage[]>;
  /** The token of the newest invitation link mailed to `to`. */
  invitationToken(to: string): Promise<string>;
  /**
   * Brings a person into an organisation the way users do: the host
   * administrator invites them, they accept the mailed link, then sign in.
   */
  joinOrganisation(email: string, organisationId: string, delegationRole?: 'leader' | 'delegate' | 'advisor'): Promise<SignedInClient>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Where the server logs; by default warnings and errors are printed. */
  logger?: LoggerService;
}

/**
 * Boots the real server on a random port with a fresh database (SQLite in a
 * temporary directory, or a new PostgreSQL database when DATABASE_URL points
 * to a server) and serves the built web client from dist/web.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-test-'));
  const port = await freePort();
  const pgServer = postgresServerUrl();
  const pg = pgServer ? await createPostgresDatabase(pgServer) : undefined;
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      CORS_ORIGINS: `http://127.0.0.1:${port},http://localhost:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: pg ? pg.url : `sqlite:${join(dataDir, 'plenary.sqlite')}`,
      PASSWORD_HASH_COST: '12',
      LOG_LEVEL: 'warn',
      LOG_JSON: 'false',
      WEB_DIR: resolve(__dirname, '../../dist/web'),
      PLENARY_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
      PLENARY_ADMIN_PASSWORD: TEST_PASSWORD,
      ...env,
    },
    dataDir,
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['error', 'warn'],
    bodyParser: false,
  });
  configureApp(app, config);
  await configureRealtime(app, config);
  await app.listen(port, '127.0.0.1');
  await app.get(FirstAdminService).ensureHostAdmin();
  const url = `http://127.0.0.1:${port}`;
  const dataSource = app.get(DataSource);
  const http = request(url);

  function mailTo(to: string): Promise<MailMessage[]> {
    return dataSource.getRepository(MailMessage).find({ where: { recipient: to }, order: { createdAt: 'ASC' } });
  }

  async function invitationToken(to: string): Promise<string> {
    const mails = await mailTo(to);
    const token = mails.length ? tokenOfLink(mails[mails.length - 1].textBody) : null;
    if (!token) throw new Error(`no invitation link mailed to ${to}`);
    return token;
  }

  return {
    ...summitFixture(http),
    app,
    url,
    config,
    dataSource,
    http,
    createUser: (input) =>
      app.get(UsersService).create({
        email: input.email,
        password: input.password,
        displayName: input.displayName ?? input.email.split('@')[0],
        platformRole: input.platformRole ?? PlatformRole.Participant,
      }),
    signIn: (email, password) => signIn(http, email, password),
    mailTo,
    invitationToken,
    joinOrganisation: (email, organisationId, delegationRole) => joinByInvitation(http, invitationToken, email, organisationId, delegationRole),
    async close() {
      await app.close();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
