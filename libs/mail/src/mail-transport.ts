import { createTransport, Transporter } from 'nodemailer';
import { printableLine, printableText } from './printable-text';

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
 * keeps it to the outbox. Its headers are printed with their controls
 * escaped, so that a subject carrying a line break cannot forge log lines,
 * and its text keeps only its line breaks and tabs.
 */
export class ConsoleMailTransport extends MailTransport {
  constructor(
    private readonly quiet = false,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {
    super();
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    if (this.quiet) return;
    this.write(`\n--- mail ---\nTo: ${printableLine(mail.to)}\nSubject: ${printableLine(mail.subject)}\n\n${printableText(mail.text)}\n------------\n`);
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

  /** Nodemailer folds line breaks out of header values itself, so a subject cannot add a header. */
  async deliver(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }
}
