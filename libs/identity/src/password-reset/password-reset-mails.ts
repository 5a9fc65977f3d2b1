import { formatDateTime, MailTemplate } from '@plenary/mail';

export interface PasswordResetMail {
  email: string;
  link: string;
  expiresAt: Date;
}

/** The password-reset link, in the account's language; its expiry on the account's clock. */
export const PASSWORD_RESET_MAIL: MailTemplate<PasswordResetMail> = {
  en: ({ email, link, expiresAt }, reader) => ({
    subject: 'Reset your Plenary password',
    text: [
      `Someone, hopefully you, asked to reset the password of your Plenary account (${email}).`,
      `Choose a new password: ${link}`,
      `The link works once, until ${formatDateTime(expiresAt, reader)}. A new password signs you out on every device.`,
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n\n'),
  }),
  fr: ({ email, link, expiresAt }, reader) => ({
    subject: 'Réinitialisation de votre mot de passe Plenary',
    text: [
      `Quelqu’un, vous sans doute, a demandé à réinitialiser le mot de passe de votre compte Plenary (${email}).`,
      `Choisissez un nouveau mot de passe : ${link}`,
      `Ce lien ne fonctionne qu’une fois, jusqu’au ${formatDateTime(expiresAt, reader)}. Un nouveau mot de passe vous déconnecte de tous vos appareils.`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    ].join('\n\n'),
  }),
};
