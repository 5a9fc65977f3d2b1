import type { Locale } from '@plenary/common';
import { formatDateTime, MailTemplate } from '@plenary/mail';
import { ScheduleChangeKind } from './schedule-change.entity';

const CHANGE_NAMES: Record<Locale, Record<ScheduleChangeKind, string>> = {
  en: {
    [ScheduleChangeKind.Rescheduled]: 'rescheduled',
    [ScheduleChangeKind.Postponed]: 'postponed',
    [ScheduleChangeKind.Cancelled]: 'cancelled',
    [ScheduleChangeKind.Reinstated]: 'reinstated',
  },
  fr: {
    [ScheduleChangeKind.Rescheduled]: 'déplacée',
    [ScheduleChangeKind.Postponed]: 'reportée',
    [ScheduleChangeKind.Cancelled]: 'annulée',
    [ScheduleChangeKind.Reinstated]: 'rétablie',
  },
};

export interface ScheduleChangeMail {
  summitTitle: string;
  sessionTitle: string;
  kind: ScheduleChangeKind;
  startsAt: Date;
  /** Postponed: the time given is to be confirmed. */
  tentative: boolean;
  reason: string;
}

/** A session moved, postponed, cancelled or reinstated, told to each person concerned in their language, its time on their clock. */
export const SCHEDULE_CHANGE_MAIL: MailTemplate<ScheduleChangeMail> = {
  en: (p, reader) => ({
    subject: `${p.summitTitle}: “${p.sessionTitle}” ${CHANGE_NAMES.en[p.kind]}`,
    text: [
      `“${p.sessionTitle}” (${p.summitTitle}) has been ${CHANGE_NAMES.en[p.kind]}.`,
      p.kind === ScheduleChangeKind.Cancelled ? '' : `It is now set for ${formatDateTime(p.startsAt, reader)}${p.tentative ? ', to be confirmed' : ''}.`,
      `Reason: ${p.reason}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  }),
  fr: (p, reader) => ({
    subject: `${p.summitTitle} : séance « ${p.sessionTitle} » ${CHANGE_NAMES.fr[p.kind]}`,
    text: [
      `La séance « ${p.sessionTitle} » (${p.summitTitle}) a été ${CHANGE_NAMES.fr[p.kind]}.`,
      p.kind === ScheduleChangeKind.Cancelled ? '' : `Elle est désormais prévue le ${formatDateTime(p.startsAt, reader)}${p.tentative ? ', sous réserve de confirmation' : ''}.`,
      `Motif : ${p.reason}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  }),
};
