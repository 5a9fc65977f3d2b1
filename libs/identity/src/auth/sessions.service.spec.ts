import { DomainError, ErrorCode, sha256Hex } from '@plenary/common';
import { DataSource } from 'typeorm';
import { AccessChange, AccessChanges } from '../access/access-changes';
import { createTestDataSource, saveUser, testConfig } from '../testing/identity.factories';
import type { User } from '../users/user.entity';
import { AuthSession } from './auth-session.entity';
import { RefreshToken } from './refresh-token.entity';
import type { RequestMeta } from './request-meta.decorator';
import { SessionsService } from './sessions.service';
import { IdentityErrorCode } from '../identity.errors';

const META: RequestMeta = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };
const GRACE_SECONDS = 10;

function domainError(code: ErrorCode) {
  return expect.objectContaining({ name: DomainError.name, code });
}

describe(SessionsService.name, () => {
  let dataSource: DataSource;
  let sut: SessionsService;
  let accessChanges: AccessChanges;
  let user: User;

  function service(env: Record<string, string> = {}): SessionsService {
    return new SessionsService(dataSource.getRepository(AuthSession), dataSource, testConfig({ REFRESH_GRACE_SECONDS: String(GRACE_SECONDS), ...env }), accessChanges);
  }

  beforeEach(async () => {
    dataSource = await createTestDataSource(testConfig());
    accessChanges = new AccessChanges();
    sut = service();
    user = await saveUser(dataSource);
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  function storedSession(id: string): Promise<AuthSession> {
    return dataSource.getRepository(AuthSession).findOneByOrFail({ id });
  }

  /** Moves the exchange of a token back in time by `seconds`, as if that long had passed since. */
  async function exchangedAgo(token: string, seconds: number): Promise<void> {
    const tokens = dataSource.getRepository(RefreshToken);
    const stored = await tokens.findOneByOrFail({ id: token.split('.')[0] });
    await tokens.update({ id: stored.id }, { usedAt: new Date(stored.usedAt!.getTime() - seconds * 1000) });
  }

  describe('start', () => {
    it('issues a token of the form <token id>.<secret> for a new active session', async () => {
      const { session, token } = await sut.start(user.id, META);

      const [tokenId, secret] = token.split('.');
      await expect(dataSource.getRepository(RefreshToken).findOneBy({ id: tokenId })).resolves.toMatchObject({ sessionId: session.id, usedAt: null });
      expect(secret.length).toBeGreaterThanOrEqual(43);
      await expect(sut.findActive(session.id)).resolves.toMatchObject({ sessionId: session.id, userId: user.id, email: user.email, disabled: false });
    });

    it('stores only the hash of the secret, never the token itself', async () => {
      const { token } = await sut.start(user.id, META);
      const [tokenId, secret] = token.split('.');

      const rows: Record<string, unknown>[] = await dataSource.query('SELECT * FROM refresh_tokens');

      expect(rows).toHaveLength(1);
      expect(rows[0].id).toBe(tokenId);
      expect(rows[0].token_hash).toBe(sha256Hex(secret));
      expect(JSON.stringify(rows)).not.toContain(secret);
    });
  });

  describe('rotate', () => {
    it('exchanges a token for a new one and marks the old one used', async () => {
      const { session, token } = await sut.start(user.id, META);

      const rotated = await sut.rotate(token, { ip: '198.51.100.20', userAgent: null });

      expect(rotated.token).not.toBe(token);
      expect(rotated.session.id).toBe(session.id);
      const old = await dataSource.getRepository(RefreshToken).findOneByOrFail({ id: token.split('.')[0] });
      expect(old.usedAt).toBeInstanceOf(Date);
      await expect(storedSession(session.id)).resolves.toMatchObject({ ipAddress: '198.51.100.20', userAgent: META.userAgent });
    });

    it('accepts each successor in turn', async () => {
      const { token } = await sut.start(user.id, META);
      const second = await sut.rotate(token, META);

      await expect(sut.rotate(second.token, META)).resolves.toMatchObject({ session: { id: second.session.id } });
    });

    it('gives the same successor to a token presented again within the grace, leaving the session active', async () => {
      const { session, token } = await sut.start(user.id, META);
      const first = await sut.rotate(token, META);

      const again = await sut.rotate(token, { ...META, ip: '198.51.100.20' });

      expect(again.token).toBe(first.token);
      expect(again.session.id).toBe(session.id);
      await expect(sut.findActive(session.id)).resolves.not.toBeNull();
      await expect(sut.rotate(first.token, META)).resolves.toMatchObject({ session: { id: session.id } });
    });

    it('gives every one of concurrent exchanges of one token the same successor, stored once', async () => {
      const { session, token } = await sut.start(user.id, META);

      const outcomes = await Promise.all([sut.rotate(token, META), sut.rotate(token, META), sut.rotate(token, META)]);

      expect(new Set(outcomes.map((o) => o.token)).size).toBe(1);
      await expect(dataSource.getRepository(RefreshToken).countBy({ sessionId: session.id })).resolves.toBe(2);
      await expect(sut.findActive(session.id)).resolves.not.toBeNull();
    });

    it('derives each successor from its token, storing only its hash', async () => {
      const one = await sut.start(user.id, META);
      const two = await sut.start(user.id, META);
      const successors = [(await sut.rotate(one.token, META)).token, (await sut.rotate(two.token, META)).token];

      const rows: Record<string, unknown>[] = await dataSource.query('SELECT * FROM refresh_tokens');

      expect(successors[0]).not.toBe(successors[1]);
      for (const successor of successors) {
        const [id, secret] = successor.split('.');
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(secret.length).toBeGreaterThanOrEqual(43);
        expect(rows).toContainEqual(expect.objectContaining({ id, token_hash: sha256Hex(secret) }));
        expect(JSON.stringify(rows)).not.toContain(secret);
      }
    });

    it('derives other successors under another server key', async () => {
      const { token } = await sut.start(user.id, META);
      const [tokenId, secret] = token.split('.');
      const ours = await sut.rotate(token, META);
      // Presented afresh to a service with another key (as after a new JWT_SECRET), the token yields another successor.
      await dataSource.getRepository(RefreshToken).update({ id: tokenId }, { usedAt: null });
      await dataSource.getRepository(RefreshToken).delete({ id: ours.token.split('.')[0] });

      const theirs = await service().rotate(`${tokenId}.${secret}`, META);

      expect(theirs.token).not.toBe(ours.token);
    });

    it('refuses a token presented again after the grace and revokes its session', async () => {
      const { session, token } = await sut.start(user.id, META);
      await sut.rotate(token, META);
      await exchangedAgo(token, GRACE_SECONDS);

      await expect(sut.rotate(token, META)).rejects.toEqual(domainError(IdentityErrorCode.RefreshTokenReused));

      await expect(storedSession(session.id)).resolves.toMatchObject({ revokedReason: 'refresh_token_reused', revokedAt: expect.any(Date) });
      await expect(sut.findActive(session.id)).resolves.toBeNull();
    });

    it('refuses a token whose successor has been exchanged in turn, even within the grace', async () => {
      const { session, token } = await sut.start(user.id, META);
      const second = await sut.rotate(token, META);
      await sut.rotate(second.token, META);

      await expect(sut.rotate(token, META)).rejects.toEqual(domainError(IdentityErrorCode.RefreshTokenReused));
      await expect(sut.findActive(session.id)).resolves.toBeNull();
    });

    it('refuses a token presented again within the grace by another browser and revokes its session', async () => {
      const { session, token } = await sut.start(user.id, META);
      await sut.rotate(token, META);

      await expect(sut.rotate(token, { ip: META.ip, userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/141.0' })).rejects.toEqual(
        domainError(IdentityErrorCode.RefreshTokenReused),
      );
      await expect(sut.findActive(session.id)).resolves.toBeNull();
    });

    it('compares the user agent of a repeat with the one that made the exchange', async () => {
      const updated = { ip: META.ip, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/141.0' };
      const { token } = await sut.start(user.id, META);
      // The browser was updated and restored its tabs: the exchange names its new version, and so do the repeats.
      const first = await sut.rotate(token, updated);

      await expect(sut.rotate(token, updated)).resolves.toMatchObject({ token: first.token });
    });

    it('treats every second presentation as reuse when the grace is 0', async () => {
      const strict = service({ REFRESH_GRACE_SECONDS: '0' });
      const { session, token } = await strict.start(user.id, META);
      await strict.rotate(token, META);

      await expect(strict.rotate(token, META)).rejects.toEqual(domainError(IdentityErrorCode.RefreshTokenReused));
      await expect(strict.findActive(session.id)).resolves.toBeNull();
    });

    it('refuses even the newest token of a session ended by reuse', async () => {
      const { token } = await sut.start(user.id, META);
      const newest = await sut.rotate(token, META);
      await exchangedAgo(token, GRACE_SECONDS + 1);
      await expect(sut.rotate(token, META)).rejects.toEqual(domainError(IdentityErrorCode.RefreshTokenReused));

      await expect(sut.rotate(newest.token, META)).rejects.toEqual(domainError(IdentityErrorCode.SessionRevoked));
    });

    it('starts sessions for two users at once without one undoing the other', async () => {
      const other = await saveUser(dataSource);

      const [a, b] = await Promise.all([sut.start(user.id, META), sut.start(other.id, META)]);

      await expect(sut.findActive(a.session.id)).resolves.not.toBeNull();
      await expect(sut.findActive(b.session.id)).resolves.not.toBeNull();
    });

    it('refuses a valid token with anything appended after another dot', async () => {
      const { token } = await sut.start(user.id, META);

      await expect(sut.rotate(`${token}.junk`, META)).rejects.toEqual(domainError(IdentityErrorCode.RefreshTokenInvalid));
      await expect(sut.rotate(token, META)).resolves.toMatchObject({ token: expect.any(String) });
    });

    it('refuses a forged secret for a real token id without consuming the token', async () => {
      const { token } = await sut.start(user.id, META);
      const [tokenId] = token.split('.');

      await expect(sut.rotate(`${tokenId}.forged-secret-forged-secret-forged-secret-xx`, META)).rejects.toEqual(
        domainError(IdentityErrorCode.RefreshTokenInvalid),
      );
      await expect(sut.rotate(token, META)).resolves.toMatchObject({ token: expect.any(String) });
    });

    it.each([
      ['an empty string', ''],
      ['a value without a dot', 'garbage'],
      ['a token id without secret', '8f1d2c9e-0000-4000-8000-000000000000.'],
      ['an unknown token id', '8f1d2c9e-0000-4000-8000-000000000000.c2VjcmV0'],
      ['an over-long token id', `${'a'.repeat(37)}.secret`],
      ['an over-long secret', `8f1d2c9e-0000-4000-8000-000000000000.${'s'.repeat(101)}`],
    ])('refuses %s as an invalid token', async (_label, presented) => {
      await expect(sut.rotate(presented, META)).rejects.toEqual(domainError(IdentityErrorCode.RefreshTokenInvalid));
    });

    it('refuses a token of an expired session', async () => {
      const { session, token } = await sut.start(user.id, META);
      await dataSource.getRepository(AuthSession).update({ id: session.id }, { expiresAt: new Date(Date.now() - 1000) });

      await expect(sut.rotate(token, META)).rejects.toEqual(domainError(IdentityErrorCode.SessionRevoked));
      await expect(sut.findActive(session.id)).resolves.toBeNull();
    });

    it('refuses a token of a revoked session', async () => {
      const { session, token } = await sut.start(user.id, META);
      await sut.revoke(session.id, 'logout');

      await expect(sut.rotate(token, META)).rejects.toEqual(domainError(IdentityErrorCode.SessionRevoked));
    });
  });

  describe('sessionOfToken', () => {
    it('finds the session of a token without consuming it', async () => {
      const { session, token } = await sut.start(user.id, META);

      await expect(sut.sessionOfToken(token)).resolves.toMatchObject({ id: session.id });
      await expect(sut.rotate(token, META)).resolves.toMatchObject({ session: { id: session.id } });
    });

    it('finds nothing for a forged secret', async () => {
      const { token } = await sut.start(user.id, META);

      await expect(sut.sessionOfToken(`${token.split('.')[0]}.forged`)).resolves.toBeNull();
    });
  });

  describe('revoke', () => {
    it('revokes an active session once and reports false the second time', async () => {
      const { session } = await sut.start(user.id, META);

      await expect(sut.revoke(session.id, 'logout')).resolves.toBe(true);
      await expect(sut.revoke(session.id, 'logout')).resolves.toBe(false);
      await expect(storedSession(session.id)).resolves.toMatchObject({ revokedReason: 'logout' });
    });

    it('announces the sign-out of a revoked session once, so that its live connections close', async () => {
      const announced: AccessChange[] = [];
      accessChanges.subscribe((change) => void announced.push(change));
      const { session } = await sut.start(user.id, META);

      await sut.revoke(session.id, 'logout');
      await sut.revoke(session.id, 'logout');
      await new Promise((resolve) => setImmediate(resolve));

      expect(announced).toEqual([{ kind: 'sign-out', sessionIds: [session.id] }]);
    });
  });

  describe('revokeAllForUser', () => {
    it('revokes every session of the user except the one kept', async () => {
      const kept = await sut.start(user.id, META);
      const other = await sut.start(user.id, META);
      const third = await sut.start(user.id, META);

      await expect(sut.revokeAllForUser(user.id, 'password_changed', undefined, kept.session.id)).resolves.toBe(2);

      await expect(sut.listActive(user.id)).resolves.toEqual([expect.objectContaining({ id: kept.session.id })]);
      await expect(storedSession(other.session.id)).resolves.toMatchObject({ revokedReason: 'password_changed' });
      await expect(storedSession(third.session.id)).resolves.toMatchObject({ revokedReason: 'password_changed' });
    });

    it('revokes every session when none is kept, and leaves other users signed in', async () => {
      const stranger = await saveUser(dataSource);
      await sut.start(user.id, META);
      await sut.start(user.id, META);
      const strangers = await sut.start(stranger.id, META);

      await expect(sut.revokeAllForUser(user.id, 'user_disabled')).resolves.toBe(2);

      await expect(sut.listActive(user.id)).resolves.toEqual([]);
      await expect(sut.findActive(strangers.session.id)).resolves.not.toBeNull();
    });
  });
});
