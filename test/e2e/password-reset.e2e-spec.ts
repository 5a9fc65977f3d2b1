import { PasswordResetToken, User } from '@plenary/identity';
import { MailMessage } from '@plenary/mail';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { tokenOfLink } from '../support/server';

const NEW_PASSWORD = 'a brand new passphrase for the summit';

describe('Password reset', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Every request of the suite comes from one address: only the per-account limit is under test here.
    t = await startTestApp({ PASSWORD_RESET_LIMIT_PER_ACCOUNT: '2', PASSWORD_RESET_LIMIT_PER_ADDRESS: '1000' });
  });
  afterAll(() => t.close());

  /** The link is made and mailed after the answer: waits until `count` messages to `to` are in the outbox. */
  async function mailsTo(to: string, count = 1): Promise<MailMessage[]> {
    for (let waited = 0; waited < 5000; waited += 50) {
      const mails = await t.mailTo(to);
      if (mails.length >= count) return mails;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${count} mail(s) to ${to} within 5 s`);
  }

  async function resetToken(to: string, count = 1): Promise<string> {
    const mails = await mailsTo(to, count);
    const token = tokenOfLink(mails[count - 1].textBody);
    if (!token) throw new Error(`no link in the mail to ${to}`);
    return token;
  }

  const request = (email: string) => t.http.post('/api/auth/password-reset').send({ email });

  it('mails a link in the account’s language and on its clock, and answers an unknown address the same way', async () => {
    await t.createUser({ email: 'ministre@fr.example', password: TEST_PASSWORD });
    await t.dataSource.getRepository(User).update({ email: 'ministre@fr.example' }, { locale: 'fr', timeZone: 'Europe/Paris' });

    const unknown = await request('nobody@fr.example').expect(202);
    const known = await request('Ministre@FR.example').expect(202);

    expect(known.body).toEqual(unknown.body);
    expect(known.text).toBe(unknown.text);
    const [mail] = await mailsTo('ministre@fr.example');
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe Plenary');
    expect(mail.textBody).toContain(`${t.url}/reset-password?token=`);
    expect(mail.textBody).toMatch(/jusqu’au \S+ \d+ \S+ \d{4} à \d\d:\d\d \(UTC\+[12]\)/);
    await expect(t.mailTo('nobody@fr.example')).resolves.toEqual([]);
  });

  it('writes in English to an account that never chose a language', async () => {
    await t.createUser({ email: 'sherpa@nz.example', password: TEST_PASSWORD });
    await request('sherpa@nz.example').expect(202);

    const [mail] = await mailsTo('sherpa@nz.example');
    expect(mail.subject).toBe('Reset your Plenary password');
    expect(mail.textBody).toMatch(/until \S+ \d+ \S+ \d{4}, \d\d:\d\d \(UTC\)/);
  });

  it('sets the new password once with the link and ends every session of the account', async () => {
    await t.createUser({ email: 'forgetful@example.org', password: TEST_PASSWORD });
    const laptop = await t.signIn('forgetful@example.org', TEST_PASSWORD);
    const phone = await t.signIn('forgetful@example.org', TEST_PASSWORD);
    await request('forgetful@example.org').expect(202);
    const token = await resetToken('forgetful@example.org');

    await t.http.post('/api/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(204);

    await t.http.get('/api/me').set(laptop.auth).expect(401);
    await t.http.post('/api/auth/refresh').set('Cookie', phone.cookie).expect(401);
    await t.http.post('/api/auth/login').send({ email: 'forgetful@example.org', password: TEST_PASSWORD }).expect(401);
    const signedIn = await t.signIn('forgetful@example.org', NEW_PASSWORD);
    const again = await t.http.post('/api/auth/password-reset/confirm').send({ token, newPassword: 'yet another long passphrase' }).expect(404);
    expect(again.body.code).toBe('PASSWORD_RESET_INVALID');

    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const audit = await t.http.get(`/api/audit-events?type=password.reset&actorId=${signedIn.userId}`).set(admin.auth).expect(200);
    expect(audit.body).toEqual([expect.objectContaining({ details: { sessionsEnded: 2 } })]);
    expect(JSON.stringify(audit.body)).not.toContain(token);
  });

  it('stores only the hash of the link’s token', async () => {
    await t.createUser({ email: 'hashed@example.org', password: TEST_PASSWORD });
    await request('hashed@example.org').expect(202);
    const token = await resetToken('hashed@example.org');

    const rows = await t.dataSource.getRepository(PasswordResetToken).find();

    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses an expired link with 410 and a weak password with 400, leaving the link usable after the latter', async () => {
    await t.createUser({ email: 'slow@example.org', password: TEST_PASSWORD });
    await t.createUser({ email: 'weak@example.org', password: TEST_PASSWORD });
    await request('slow@example.org').expect(202);
    await request('weak@example.org').expect(202);
    const slow = await resetToken('slow@example.org');
    const weak = await resetToken('weak@example.org');
    const slowUser = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'slow@example.org' });
    await t.dataSource.getRepository(PasswordResetToken).update({ userId: slowUser.id }, { expiresAt: new Date(Date.now() - 1000) });

    const expired = await t.http.post('/api/auth/password-reset/confirm').send({ token: slow, newPassword: NEW_PASSWORD }).expect(410);
    expect(expired.body.code).toBe('PASSWORD_RESET_EXPIRED');
    const short = await t.http.post('/api/auth/password-reset/confirm').send({ token: weak, newPassword: 'short' }).expect(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
    await t.http.post('/api/auth/password-reset/confirm').send({ token: weak, newPassword: NEW_PASSWORD }).expect(204);
    await t.signIn('slow@example.org', TEST_PASSWORD);
  });

  it('voids the account’s other links once one is used, and every link once the password changes', async () => {
    await t.createUser({ email: 'twice@example.org', password: TEST_PASSWORD });
    await request('twice@example.org').expect(202);
    await request('twice@example.org').expect(202);
    const first = await resetToken('twice@example.org', 1);
    const second = await resetToken('twice@example.org', 2);
    await t.http.post('/api/auth/password-reset/confirm').send({ token: second, newPassword: NEW_PASSWORD }).expect(204);
    await t.http.post('/api/auth/password-reset/confirm').send({ token: first, newPassword: 'the first link tried late' }).expect(404);

    await t.createUser({ email: 'remembered@example.org', password: TEST_PASSWORD });
    await request('remembered@example.org').expect(202);
    const stale = await resetToken('remembered@example.org');
    const client = await t.signIn('remembered@example.org', TEST_PASSWORD);
    await t.http.post('/api/auth/password').set(client.auth).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
    await t.http.post('/api/auth/password-reset/confirm').send({ token: stale, newPassword: 'someone else wants in' }).expect(404);
    await t.signIn('remembered@example.org', NEW_PASSWORD);
  });

  it('makes further requests for one address wait, saying until when, whether or not it has an account', async () => {
    await t.createUser({ email: 'flooded@example.org', password: TEST_PASSWORD });
    for (const email of ['flooded@example.org', 'ghost@example.org']) {
      await request(email).expect(202);
      await request(email).expect(202);
      const refused = await request(email).expect(429);
      expect(refused.body).toEqual({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/try again in 1 s/), retryAfterSeconds: 1 });
      expect(refused.headers['retry-after']).toBe('1');
    }
    await expect(mailsTo('flooded@example.org', 2)).resolves.toHaveLength(2);
  });

  it('sends nothing to a disabled account', async () => {
    await t.createUser({ email: 'gone@example.org', password: TEST_PASSWORD });
    await t.dataSource.getRepository(User).update({ email: 'gone@example.org' }, { disabledAt: new Date() });
    await t.createUser({ email: 'marker@example.org', password: TEST_PASSWORD });

    await request('gone@example.org').expect(202);
    await request('marker@example.org').expect(202);

    await mailsTo('marker@example.org');
    await expect(t.mailTo('gone@example.org')).resolves.toEqual([]);
  });

  it('answers malformed requests with 400 and unknown links with 404', async () => {
    await request('not an address').expect(400);
    await t.http.post('/api/auth/password-reset').send({ email: 'a@example.org', extra: true }).expect(400);
    await t.http.post('/api/auth/password-reset/confirm').send({ token: 'short', newPassword: NEW_PASSWORD }).expect(400);
    const unknown = await t.http.post('/api/auth/password-reset/confirm').send({ token: 'x'.repeat(43), newPassword: NEW_PASSWORD }).expect(404);
    expect(unknown.body).toEqual({ statusCode: 404, code: 'PASSWORD_RESET_INVALID', message: expect.any(String) });
  });
});
