import type { Locale } from '@plenary/common';
import type { MailReader } from './mail-format';
import type { OutgoingMail } from './mail-transport';

export interface MailContent {
  subject: string;
  text: string;
}

/**
 * One mail in every language Plenary speaks, each written from the same
 * parameters; the owning lib keeps its catalogue of them beside the code that
 * sends them. A language missing from a template does not compile.
 */
export type MailTemplate<P> = Record<Locale, (params: P, reader: MailReader) => MailContent>;

/** The mail for one recipient, in their language, its moments in their time zone. */
export function renderMail<P>(template: MailTemplate<P>, to: string, reader: MailReader, params: P): OutgoingMail {
  return { to, ...template[reader.locale](params, reader) };
}
