import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Where stored mail is delivered. */
export abstract class MailTransport {
  abstract deliver(mail: OutgoingMail): Promise<void>;
}

/**
 * One-machine default: the message is printed, so invitation links can be
 * followed without a mail server. It is written to standard output whatever
 * LOG_LEVEL says, since the outbox counts it as delivered; `quiet` (tests)
 * keeps it to the outbox.
 */
export class ConsoleMailTransport extends MailTransport {
  constructor(private readonly quiet = false) {
    super();
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    if (this.quiet) return;
    process.stdout.write(`\n--- mail ---\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n------------\n`);
  }
}

export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transporter = createTransport(smtpUrl);
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }
}
