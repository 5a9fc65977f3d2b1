import type { Locale } from '@plenary/common';
import { formatDateTime, MailTemplate } from '@plenary/mail';
import { DelegationRole } from '../organisations/membership.entity';

/** A delegation role as mails name it. */
export const DELEGATION_ROLE_NAMES: Record<Locale, Record<DelegationRole, string>> = {
  en: { [DelegationRole.Leader]: 'leader', [DelegationRole.Delegate]: 'delegate', [DelegationRole.Advisor]: 'advisor' },
  // French administrative usage: the generic masculine, no inclusive middle dot.
  fr: { [DelegationRole.Leader]: 'dirigeant', [DelegationRole.Delegate]: 'délégué', [DelegationRole.Advisor]: 'conseiller' },
};

export interface OrganisationInvitationMail {
  organisationName: string;
  organisationShortName: string;
  delegationRole: DelegationRole;
  link: string;
  expiresAt: Date;
}

/** An invitation into an organisation's delegation, in the invitee's language; the link's expiry on their clock. */
export const ORGANISATION_INVITATION_MAIL: MailTemplate<OrganisationInvitationMail> = {
  en: (p, reader) => ({
    subject: `Invitation to join the ${p.organisationShortName} delegation on Plenary`,
    text: [
      `You are invited to join the delegation of ${p.organisationName} on Plenary as ${DELEGATION_ROLE_NAMES.en[p.delegationRole]}.`,
      `Accept the invitation: ${p.link}`,
      `The link works once, until ${formatDateTime(p.expiresAt, reader)}.`,
    ].join('\n\n'),
  }),
  fr: (p, reader) => ({
    subject: `Invitation à rejoindre la délégation ${p.organisationShortName} sur Plenary`,
    text: [
      `Vous êtes invité à rejoindre la délégation de ${p.organisationName} sur Plenary (rôle : ${DELEGATION_ROLE_NAMES.fr[p.delegationRole]}).`,
      `Accepter l’invitation : ${p.link}`,
      `Ce lien ne fonctionne qu’une fois, jusqu’au ${formatDateTime(p.expiresAt, reader)}.`,
    ].join('\n\n'),
  }),
};
