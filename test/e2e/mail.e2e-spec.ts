import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server on the loopback interface, standing in for the mail relay of a deployment. */
async function startSmtpServer(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Mail delivery over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedInClient;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Summit secretariat <secretariat@summit.example>' });
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers an invitation through the SMTP server and marks it sent in the outbox', async () => {
    const organisationId = await t.createOrganisation({ kind: 'company', name: 'Northwind Video', shortName: 'Northwind' });
    await t.http
      .post('/api/invitations')
      .set(admin.auth)
      .send({ email: 'policy@northwind.example', organisationId, delegationRole: 'delegate' })
      .expect(201);

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: 'secretariat@summit.example', to: ['policy@northwind.example'] });
    expect(smtp.received[0].data).toMatch(/Subject: Invitation to join the Northwind delegation on Plenary/);
    const [stored] = await t.mailTo('policy@northwind.example');
    expect(stored.sentAt).not.toBeNull();
    const body = smtp.received[0].data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(body).toContain(`${t.url}/invitation?token=`);
  });

  it('keeps the invitation and its unsent message for a later attempt when the relay is down', async () => {
    await smtp.close();
    const organisationId = await t.createOrganisation({ kind: 'company', name: 'Fabrikam Social', shortName: 'Fabrikam' });
    await t.http
      .post('/api/invitations')
      .set(admin.auth)
      .send({ email: 'ceo@fabrikam.example', organisationId, delegationRole: 'leader' })
      .expect(201);
    const [stored] = await t.mailTo('ceo@fabrikam.example');
    expect(stored).toMatchObject({ sentAt: null, attempts: 1, lastError: expect.any(String) });
    const pending = await t.http.get('/api/invitations?status=pending').set(admin.auth).expect(200);
    expect(pending.body.map((i: { email: string }) => i.email)).toContain('ceo@fabrikam.example');
  });
});
