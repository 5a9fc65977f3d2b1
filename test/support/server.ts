// Speaking to a running Plenary server as its users do, whether the suite
// booted it in-process (app.ts) or started it as a process of its own
// (cluster.ts): a free port to start it on, signing in, joining an
// organisation through a mailed invitation.
import { createServer } from 'node:net';
import type request from 'supertest';
import type { Response } from 'supertest';

export const TEST_PASSWORD = 'correct horse battery staple';
/** The host administrator every test server creates from PLENARY_ADMIN_EMAIL/PLENARY_ADMIN_PASSWORD. */
export const TEST_ADMIN_EMAIL = 'admin@plenary.test';

export type Http = ReturnType<typeof request>;

export interface SignedInClient {
  accessToken: string;
  /** The refresh cookie as a `Cookie` header value. */
  cookie: string;
  userId: string;
  auth: { Authorization: string };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Throws, naming the step and quoting the server's answer, unless `res` has the expected status. */
export function assertStatus(res: Response, expected: number, step: string): void {
  if (res.status !== expected) throw new Error(`${step} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function signIn(http: Http, email: string, password: string): Promise<SignedInClient> {
  const res = await http.post('/api/auth/login').send({ email, password });
  assertStatus(res, 200, `sign-in of ${email}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { accessToken: res.body.accessToken, cookie, userId: res.body.user.id, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
}

/** The token of the first link in a mail's text, or null. */
export function tokenOfLink(text: string): string | null {
  const link = /https?:\/\/\S+/.exec(text);
  return link ? new URL(link[0]).searchParams.get('token') : null;
}

/**
 * Brings a person into an organisation the way users do: the host
 * administrator invites them, they accept the mailed link (read by
 * `invitationToken`, which knows where that server's mail goes), then sign in.
 */
export async function joinByInvitation(
  http: Http,
  invitationToken: (to: string) => Promise<string>,
  email: string,
  organisationId: string,
  delegationRole: 'leader' | 'delegate' | 'advisor' = 'delegate',
): Promise<SignedInClient> {
  const admin = await signIn(http, TEST_ADMIN_EMAIL, TEST_PASSWORD);
  const invited = await http.post('/api/invitations').set(admin.auth).send({ email, organisationId, delegationRole });
  assertStatus(invited, 201, `invitation of ${email}`);
  const token = await invitationToken(email);
  const accepted = await http.post('/api/invitations/accept').send({ token, displayName: email.split('@')[0], password: TEST_PASSWORD });
  assertStatus(accepted, 200, `acceptance by ${email}`);
  return signIn(http, email, TEST_PASSWORD);
}
