import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { newId } from '@plenary/common';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import { MailMessage } from './mail-message.entity';
import { MailTransport, OutgoingMail } from './mail-transport';

const MAX_ATTEMPTS = 5;

@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);

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
    await this.deliver(message);
    return message;
  }

  /** Delivers every stored message not yet sent; returns how many were sent. */
  async deliverPending(): Promise<number> {
    const pending = await this.outbox.find({ where: { sentAt: IsNull(), attempts: LessThan(MAX_ATTEMPTS) }, order: { createdAt: 'ASC' }, take: 100 });
    let sent = 0;
    for (const message of pending) {
      if (await this.deliver(message)) sent += 1;
    }
    return sent;
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
