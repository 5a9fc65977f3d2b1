import type { Locale } from '@plenary/common';
import { formatDate, formatDateTime, MailTemplate } from '@plenary/mail';
import { SummitRole } from '../access/summit-member.entity';
import type { SeatRole } from './summit-invitation.dto';

/** The places in a delegation, as mails name them (French administrative usage: the generic masculine). */
export const SEAT_ROLE_NAMES: Record<Locale, Record<SeatRole, string>> = {
  en: { [SummitRole.HeadOfDelegation]: 'head of delegation', [SummitRole.Delegate]: 'delegate', [SummitRole.Observer]: 'observer' },
  fr: { [SummitRole.HeadOfDelegation]: 'chef de délégation', [SummitRole.Delegate]: 'délégué', [SummitRole.Observer]: 'observateur' },
};

export interface SummitInvitationMail {
  summitTitle: string;
  /** The summit's first day is given in the summit's own zone: the day it opens where it is held. */
  summitStartsAt: Date;
  summitTimeZone: string;
  organisationName: string;
  organisationShortName: string;
  role: SeatRole;
  link: string;
  expiresAt: Date;
}

/** An invitation to a summit in a delegation, in the invitee's language; the link's expiry on their clock. */
export const SUMMIT_INVITATION_MAIL: MailTemplate<SummitInvitationMail> = {
  en: (p, reader) => ({
    subject: `Invitation to ${p.summitTitle} with the ${p.organisationShortName} delegation`,
    text: [
      `You are invited to ${p.summitTitle}, opening on ${formatDate(p.summitStartsAt, { locale: 'en', timeZone: p.summitTimeZone })}, as ${SEAT_ROLE_NAMES.en[p.role]} of the delegation of ${p.organisationName}.`,
      `Accept the invitation: ${p.link}`,
      `The link works once, until ${formatDateTime(p.expiresAt, reader)}. Accepting it opens the summit on Plenary.`,
    ].join('\n\n'),
  }),
  fr: (p, reader) => ({
    subject: `Invitation : « ${p.summitTitle} », délégation ${p.organisationShortName}`,
    text: [
      `Vous êtes invité à « ${p.summitTitle} », qui s’ouvre le ${formatDate(p.summitStartsAt, { locale: 'fr', timeZone: p.summitTimeZone })}, en tant que ${SEAT_ROLE_NAMES.fr[p.role]} de la délégation de ${p.organisationName}.`,
      `Accepter l’invitation : ${p.link}`,
      `Ce lien ne fonctionne qu’une fois, jusqu’au ${formatDateTime(p.expiresAt, reader)}. L’accepter ouvre le sommet sur Plenary.`,
    ].join('\n\n'),
  }),
};
