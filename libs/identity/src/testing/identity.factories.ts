// Factories for identity unit specs: a configuration, an in-memory SQLite
// database built by the real migrations, and rows to start from.
import { newId } from '@plenary/common';
import { AppConfig, loadConfig } from '@plenary/config';
import { dataSourceOptions, PlenaryDataSource } from '@plenary/database';
import { MailMessage } from '@plenary/mail';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuthSession } from '../auth/auth-session.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { Invitation } from '../invitations/invitation.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { PasswordResetToken } from '../password-reset/password-reset-token.entity';
import { PlatformRole } from '../permissions/permission';
import type { Principal } from '../permissions/principal';
import { User } from '../users/user.entity';

export const IDENTITY_ENTITIES = [User, Organisation, Membership, Invitation, AuthSession, RefreshToken, PasswordResetToken, AuditEvent, MailMessage];

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A validated configuration for specs. A JWT secret is given so nothing is
 * written to disk, and the scrypt cost is low so hashing stays fast.
 */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig(
    {
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      PASSWORD_HASH_COST: '10',
      DATABASE_URL: 'sqlite::memory:',
      PUBLIC_URL: 'https://plenary.test',
      ...env,
    },
    tmpdir(),
  );
}

/** A fresh in-memory SQLite database with the schema made by the real migrations (synchronize stays off). */
export async function createTestDataSource(config: AppConfig = testConfig()): Promise<DataSource> {
  const dataSource = new PlenaryDataSource({ ...dataSourceOptions(config, IDENTITY_ENTITIES), migrationsRun: true });
  return dataSource.initialize();
}

/** Inserts a user directly; its password hash is not a usable one unless given. */
export async function saveUser(dataSource: DataSource, fields: Partial<User> = {}): Promise<User> {
  const repo = dataSource.getRepository(User);
  const id = fields.id ?? newId();
  return repo.save(
    repo.create({
      id,
      email: `user-${id.slice(0, 8)}@plenary.test`,
      displayName: 'Test User',
      passwordHash: 'not-a-usable-hash',
      platformRole: PlatformRole.Participant,
      disabledAt: null,
      passwordChangedAt: new Date(),
      ...fields,
    }),
  );
}

export function principalOf(user: Pick<User, 'id' | 'email' | 'platformRole'>, sessionId = newId()): Principal {
  return { userId: user.id, sessionId, email: user.email, platformRole: user.platformRole };
}

