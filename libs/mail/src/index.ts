// Mail owns outgoing e-mail: an outbox table written first, then delivery to
// the console (one machine) or to SMTP when SMTP_URL is set; and how a mail
// speaks its reader's language (templates, dates on their clock).
export * from './mail-message.entity';
export * from './mail-transport';
export * from './mailer.service';
export * from './mail.module';
export * from './mail-format';
export * from './mail-template';
