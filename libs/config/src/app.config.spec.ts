import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app.config';

const SECRET = 'a-jwt-secret-of-more-than-thirty-two-characters';

describe(loadConfig.name, () => {
  let cwd: string;

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'plenary-config-'));
  });

  afterEach(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  const sut = (env: Record<string, string>) => loadConfig(env, cwd);

  /** The problems loadConfig reports for an environment it refuses. */
  function problemsOf(env: Record<string, string>): string[] {
    try {
      sut(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('loadConfig accepted the environment');
  }

  it('defaults to SQLite under DATA_DIR on port 3000', () => {
    const config = sut({ JWT_SECRET: SECRET });

    expect(config.port).toBe(3000);
    expect(config.env).toBe('development');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toBe(join(cwd, 'data'));
    expect(config.database).toMatchObject({ kind: 'sqlite', sqlitePath: join(cwd, 'data', 'plenary.sqlite') });
  });

  it('defaults PUBLIC_URL to the one address HOST names, or localhost for every interface', () => {
    expect(sut({ JWT_SECRET: SECRET, HOST: '10.0.0.5', PORT: '8080' }).publicUrl).toBe('http://10.0.0.5:8080');
    expect(sut({ JWT_SECRET: SECRET, HOST: '::1' }).publicUrl).toBe('http://[::1]:3000');
    expect(sut({ JWT_SECRET: SECRET, HOST: '::', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(sut({ JWT_SECRET: SECRET, HOST: '10.0.0.5', PUBLIC_URL: 'https://summit.example.org/' }).publicUrl).toBe('https://summit.example.org');
  });

  it('defaults the sign-in limits and the refresh grace', () => {
    expect(sut({ JWT_SECRET: SECRET }).auth).toMatchObject({
      refreshGraceSeconds: 10,
      loginLimitPerAccount: 5,
      loginLimitPerAddress: 30,
      loginWindowSeconds: 3600,
      loginMaxDelaySeconds: 900,
    });
    expect(problemsOf({ JWT_SECRET: SECRET, REFRESH_GRACE_SECONDS: '61', LOGIN_MAX_DELAY_SECONDS: '0' })).toEqual([
      'REFRESH_GRACE_SECONDS must be an integer between 0 and 60 (got "61")',
      'LOGIN_MAX_DELAY_SECONDS must be an integer between 1 and 86400 (got "0")',
    ]);
  });

  it('defaults the password-reset link to an hour and its requests to 3 per account and 10 per address', () => {
    expect(sut({ JWT_SECRET: SECRET }).auth).toMatchObject({ passwordResetTtlSeconds: 3600, passwordResetLimitPerAccount: 3, passwordResetLimitPerAddress: 10 });
    expect(problemsOf({ JWT_SECRET: SECRET, PASSWORD_RESET_TTL_SECONDS: '60', PASSWORD_RESET_LIMIT_PER_ACCOUNT: '0' })).toEqual([
      'PASSWORD_RESET_TTL_SECONDS must be an integer between 300 and 86400 (got "60")',
      'PASSWORD_RESET_LIMIT_PER_ACCOUNT must be an integer between 1 and 100000 (got "0")',
    ]);
  });

  it('logs readable lines at a terminal and JSON otherwise or in production, unless LOG_JSON says', () => {
    const logJson = (env: Record<string, string>, terminal: boolean) => loadConfig({ JWT_SECRET: SECRET, ...env }, cwd, terminal).logJson;

    expect(logJson({}, true)).toBe(false);
    expect(logJson({}, false)).toBe(true);
    expect(logJson({ NODE_ENV: 'production' }, true)).toBe(true);
    expect(logJson({ LOG_JSON: 'true' }, true)).toBe(true);
    expect(logJson({ LOG_JSON: 'false' }, false)).toBe(false);
    expect(logJson({ NODE_ENV: 'production', LOG_JSON: 'false' }, true)).toBe(false);
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    const config = sut({ JWT_SECRET: SECRET, DATA_DIR: 'state' });

    expect(config.database.sqlitePath).toBe(join(cwd, 'state', 'plenary.sqlite'));
  });

  it.each(['postgres://plenary:pw@db:5432/plenary', 'postgresql://plenary:pw@db/plenary'])('switches to PostgreSQL for DATABASE_URL %s', (url) => {
    const config = sut({ JWT_SECRET: SECRET, DATABASE_URL: url });

    expect(config.database).toMatchObject({ kind: 'postgres', url });
  });

  it('takes an SQLite path from a sqlite: DATABASE_URL', () => {
    const config = sut({ JWT_SECRET: SECRET, DATABASE_URL: 'sqlite:db/summit.sqlite' });

    expect(config.database).toMatchObject({ kind: 'sqlite', sqlitePath: join(cwd, 'db', 'summit.sqlite') });
  });

  it('refuses a DATABASE_URL of another database', () => {
    expect(problemsOf({ JWT_SECRET: SECRET, DATABASE_URL: 'mysql://db/plenary' })).toEqual([
      'DATABASE_URL must start with postgres://, postgresql:// or sqlite:',
    ]);
  });

  it('lists every problem of an invalid environment at once', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', JWT_SECRET: 'too-short', PLENARY_ADMIN_EMAIL: 'admin@example.org' });

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('PORT'),
        expect.stringContaining('LOG_LEVEL'),
        'JWT_SECRET must be at least 32 characters',
        'PLENARY_ADMIN_EMAIL and PLENARY_ADMIN_PASSWORD must be set together',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('names the problems in the error message', () => {
    expect(() => sut({ JWT_SECRET: SECRET, PORT: '70000' })).toThrow(/Invalid configuration:[\s\S]*PORT must be an integer between 0 and 65535 \(got "70000"\)/);
  });

  it('refuses an admin password shorter than 12 characters', () => {
    expect(problemsOf({ JWT_SECRET: SECRET, PLENARY_ADMIN_EMAIL: 'admin@example.org', PLENARY_ADMIN_PASSWORD: 'short' })).toEqual([
      'PLENARY_ADMIN_PASSWORD must be at least 12 characters',
    ]);
  });

  it('lower-cases the admin e-mail address', () => {
    const config = sut({ JWT_SECRET: SECRET, PLENARY_ADMIN_EMAIL: 'Admin@Example.ORG', PLENARY_ADMIN_PASSWORD: 'a long admin password' });

    expect(config.admin.email).toBe('admin@example.org');
  });

  it('requires JWT_SECRET in production and writes no secret', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
    expect(existsSync(join(cwd, 'data', 'jwt-secret'))).toBe(false);
  });

  it('uses a given JWT_SECRET and writes no file', () => {
    expect(sut({ JWT_SECRET: SECRET }).auth.jwtSecret).toBe(SECRET);
    expect(existsSync(join(cwd, 'data', 'jwt-secret'))).toBe(false);
  });

  it('generates a JWT secret, keeps it readable by the owner only, and reuses it on the next start', () => {
    const first = sut({});
    const file = join(cwd, 'data', 'jwt-secret');

    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.auth.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(sut({}).auth.jwtSecret).toBe(first.auth.jwtSecret);
  });

  it('replaces a persisted secret that is empty or too short', () => {
    mkdirSync(join(cwd, 'data'), { recursive: true });
    writeFileSync(join(cwd, 'data', 'jwt-secret'), 'short\n');

    const config = sut({});

    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(cwd, 'data', 'jwt-secret'), 'utf8').trim()).toBe(config.auth.jwtSecret);
  });

  it('generates a different secret for another data directory', () => {
    const first = sut({ DATA_DIR: 'one' });
    const second = sut({ DATA_DIR: 'two' });

    expect(second.auth.jwtSecret).not.toBe(first.auth.jwtSecret);
  });
});
