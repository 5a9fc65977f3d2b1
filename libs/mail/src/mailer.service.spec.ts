import { Logger } from '@nestjs/common';
import { loadConfig } from '@plenary/config';
import { dataSourceOptions } from '@plenary/database';
import { tmpdir } from 'node:os';
import { DataSource, IsNull } from 'typeorm';
import { MailMessage } from './mail-message.entity';
import { MailTransport, OutgoingMail } from './mail-transport';
import { MailerService } from './mailer.service';

/** Stands in for SMTP, which cannot run here: records every delivery, or fails while `failure` is set. */
class RecordingMailTransport extends MailTransport {
  readonly deliveries: OutgoingMail[] = [];
  failure: Error | null = null;

  async deliver(mail: OutgoingMail): Promise<void> {
    if (this.failure) throw this.failure;
    this.deliveries.push(mail);
  }
}

async function createOutboxDataSource(): Promise<DataSource> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'unit-test-secret-of-at-least-32-characters', DATABASE_URL: 'sqlite::memory:' }, tmpdir());
  return new DataSource({ ...dataSourceOptions(config, [MailMessage]), migrationsRun: true }).initialize();
}

function mail(to = 'ada@example.org'): OutgoingMail {
  return { to, subject: 'Your invitation to Plenary', text: 'Accept the invitation: https://summit.example.org/invitation?token=abc' };
}

describe(MailerService.name, () => {
  let dataSource: DataSource;
  let transport: RecordingMailTransport;
  let sut: MailerService;

  beforeAll(() => {
    // Failed deliveries are logged as warnings; they are expected here.
    Logger.overrideLogger(false);
  });

  beforeEach(async () => {
    dataSource = await createOutboxDataSource();
    transport = new RecordingMailTransport();
    sut = new MailerService(dataSource.getRepository(MailMessage), transport);
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  function stored(id: string): Promise<MailMessage> {
    return dataSource.getRepository(MailMessage).findOneByOrFail({ id });
  }

  it('stores an enqueued message without delivering it', async () => {
    const message = await sut.enqueue(mail());

    expect(transport.deliveries).toEqual([]);
    await expect(stored(message.id)).resolves.toMatchObject({ recipient: 'ada@example.org', sentAt: null, attempts: 0, lastError: null });
  });

  it('stores nothing when the caller’s transaction rolls back', async () => {
    const failing = dataSource.transaction(async (m) => {
      await sut.enqueue(mail(), m);
      throw new Error('the caller failed after enqueueing');
    });

    await expect(failing).rejects.toThrow('the caller failed after enqueueing');
    await expect(dataSource.getRepository(MailMessage).count()).resolves.toBe(0);
  });

  it('delivers pending messages and marks them sent', async () => {
    const message = await sut.enqueue(mail());

    await expect(sut.deliverPending()).resolves.toBe(1);

    expect(transport.deliveries).toEqual([mail()]);
    await expect(stored(message.id)).resolves.toMatchObject({ sentAt: expect.any(Date), attempts: 1, lastError: null });
  });

  it('does not deliver a sent message again', async () => {
    await sut.enqueue(mail());
    await sut.deliverPending();

    await expect(sut.deliverPending()).resolves.toBe(0);
    expect(transport.deliveries).toHaveLength(1);
  });

  it('delivers in the order messages were stored', async () => {
    await sut.enqueue(mail('first@example.org'));
    await sut.enqueue(mail('second@example.org'));

    await sut.deliverPending();

    expect(transport.deliveries.map((d) => d.to)).toEqual(['first@example.org', 'second@example.org']);
  });

  it('keeps a message unsent with the attempt and error recorded when the transport fails', async () => {
    const message = await sut.enqueue(mail());
    transport.failure = new Error('connect ECONNREFUSED 127.0.0.1:25');

    await expect(sut.deliverPending()).resolves.toBe(0);

    await expect(stored(message.id)).resolves.toMatchObject({ sentAt: null, attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:25' });
  });

  it('delivers a message that failed once the transport works again', async () => {
    const message = await sut.enqueue(mail());
    transport.failure = new Error('connect ECONNREFUSED 127.0.0.1:25');
    await sut.deliverPending();

    transport.failure = null;

    await expect(sut.deliverPending()).resolves.toBe(1);
    expect(transport.deliveries).toEqual([mail()]);
    await expect(stored(message.id)).resolves.toMatchObject({ sentAt: expect.any(Date), attempts: 2, lastError: null });
  });

  it('gives up on a message after five failed attempts', async () => {
    const message = await sut.enqueue(mail());
    transport.failure = new Error('550 mailbox unavailable');
    for (let i = 0; i < 5; i += 1) await sut.deliverPending();

    transport.failure = null;

    await expect(sut.deliverPending()).resolves.toBe(0);
    expect(transport.deliveries).toEqual([]);
    await expect(stored(message.id)).resolves.toMatchObject({ sentAt: null, attempts: 5 });
  });

  it('still delivers new messages when a hundred older ones have used up their attempts', async () => {
    transport.failure = new Error('550 mailbox unavailable');
    const hopeless = await Promise.all(Array.from({ length: 100 }, (_, i) => sut.enqueue(mail(`gone${i}@example.org`))));
    await dataSource.getRepository(MailMessage).update(hopeless.map((m) => m.id), { attempts: 5 });
    transport.failure = null;
    const fresh = await sut.enqueue(mail('fresh@example.org'));

    await expect(sut.deliverPending()).resolves.toBe(1);
    await expect(stored(fresh.id)).resolves.toMatchObject({ sentAt: expect.any(Date) });
  });

  it('sends each message once when two deliveries run at the same time', async () => {
    await Promise.all(Array.from({ length: 5 }, (_, i) => sut.enqueue(mail(`delegate${i}@example.org`))));

    const [first, second] = await Promise.all([sut.deliverPending(), sut.deliverPending()]);

    expect(first + second).toBe(5);
    expect(transport.deliveries).toHaveLength(5);
  });

  it('delivers in the background everything pending, beyond one batch, once the shutdown has waited for it', async () => {
    const many = await Promise.all(Array.from({ length: 150 }, (_, i) => sut.enqueue(mail(`invitee${i}@example.org`))));

    sut.deliverSoon();
    sut.deliverSoon();
    await sut.onApplicationShutdown();

    expect(transport.deliveries).toHaveLength(150);
    await expect(dataSource.getRepository(MailMessage).countBy({ sentAt: IsNull() })).resolves.toBe(0);
    expect(new Set(transport.deliveries.map((d) => d.to)).size).toBe(many.length);
  });

  it('stops a background delivery whose whole batch fails, leaving the messages for a later attempt', async () => {
    transport.failure = new Error('connect ECONNREFUSED 127.0.0.1:25');
    await Promise.all(Array.from({ length: 100 }, (_, i) => sut.enqueue(mail(`unreachable${i}@example.org`))));

    sut.deliverSoon();
    await sut.onApplicationShutdown();

    await expect(dataSource.getRepository(MailMessage).findBy({ sentAt: IsNull() })).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:25' })]),
    );
    await expect(dataSource.getRepository(MailMessage).countBy({ attempts: 1 })).resolves.toBe(100);
  });

  it('stores and delivers at once with send', async () => {
    const message = await sut.send(mail());

    expect(transport.deliveries).toEqual([mail()]);
    await expect(stored(message.id)).resolves.toMatchObject({ sentAt: expect.any(Date) });
  });
});
