import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { newId } from '@plenary/common';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import { MailMessage } from './mail-message.entity';
import { MailTransport, OutgoingMail } from './mail-transport';

const MAX_ATTEMPTS = 5;
const BATCH = 100;

@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  /** Deliveries of this process run one after the other, so that two runs never send one message twice. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A background run asked for and not finished yet, if any. */
  private background: Promise<void> | null = null;
  private backgroundAgain = false;

  constructor(
    @InjectRepository(MailMessage) private readonly outbox: Repository<MailMessage>,
    private readonly transport: MailTransport,
  ) {}

  /**
   * Stores the message in the outbox (inside the caller's transaction when a
   * manager is given) and returns it. Delivery happens afterwards through
   * `deliverPending`, so a failed delivery never undoes the caller's work.
   */
  async enqueue(mail: OutgoingMail, manager?: EntityManager): Promise<MailMessage> {
    const repo = manager ? manager.getRepository(MailMessage) : this.outbox;
    const message = repo.create({
      id: newId(),
      recipient: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      createdAt: new Date(),
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
    return repo.save(message);
  }

  /** Sends now: stores, then delivers. */
  async send(mail: OutgoingMail): Promise<MailMessage> {
    const message = await this.enqueue(mail);
    await this.serialised(() => this.deliver(message));
    return message;
  }

  /** Delivers the oldest stored messages not yet sent (up to a hundred); returns how many were sent. */
  async deliverPending(): Promise<number> {
    return (await this.serialised(() => this.deliverBatch())).sent;
  }

  /**
   * Delivers everything pending without making the caller wait: for answers
   * that must not take longer when a mail goes out (a password reset, which
   * would otherwise tell whether an account exists) or that send many (a
   * list of invitations). Failures are logged and retried like any other.
   */
  deliverSoon(): void {
    if (this.background) {
      this.backgroundAgain = true;
      return;
    }
    this.background = this.drain()
      .catch((error: unknown) => this.logger.error(`Background delivery failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.background = null;
      });
  }

  /** Lets a background delivery finish before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.background;
  }

  private async drain(): Promise<void> {
    do {
      this.backgroundAgain = false;
      let batch: { fetched: number; sent: number };
      // A full batch with progress may hide more behind it; a batch that only failed waits for the next call.
      do batch = await this.serialised(() => this.deliverBatch());
      while (batch.fetched === BATCH && batch.sent > 0);
    } while (this.backgroundAgain);
  }

  private serialised<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async deliverBatch(): Promise<{ fetched: number; sent: number }> {
    const pending = await this.outbox.find({ where: { sentAt: IsNull(), attempts: LessThan(MAX_ATTEMPTS) }, order: { createdAt: 'ASC' }, take: BATCH });
    let sent = 0;
    for (const message of pending) {
      if (await this.deliver(message)) sent += 1;
    }
    return { fetched: pending.length, sent };
  }

  private async deliver(message: MailMessage): Promise<boolean> {
    message.attempts += 1;
    try {
      await this.transport.deliver({ to: message.recipient, subject: message.subject, text: message.textBody });
      message.sentAt = new Date();
      message.lastError = null;
      await this.outbox.save(message);
      return true;
    } catch (error) {
      message.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await this.outbox.save(message);
      this.logger.warn(`Delivery of message ${message.id} failed (attempt ${message.attempts}): ${message.lastError}`);
      return false;
    }
  }
}
