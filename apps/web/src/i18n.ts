import { ApiError, type Locale } from './api';

export type { Locale };

export const locales: readonly Locale[] = ['en', 'fr'];

/** Each language's name in that language, as a language switch shows it. */
export const localeNames: Record<Locale, string> = { en: 'English', fr: 'Français' };

const en = {
  'app.name': 'Plenary',
  'app.skipToContent': 'Skip to content',
  'app.interfaceLanguage': 'Interface language',
  'app.loading': 'Loading…',

  'errors.generic': 'Something went wrong. Please try again.',
  'errors.NETWORK': 'The server cannot be reached. Check your connection and try again.',
  'errors.INVALID_CREDENTIALS': 'Email or password is incorrect.',
  'errors.TOO_MANY_ATTEMPTS': 'Too many attempts, try again later.',
  'errors.VALIDATION_FAILED': 'Some details are not valid. Check the form and try again.',
  'errors.INVITATION_NOT_FOUND': 'This invitation link is not valid. It may have been used already.',
  'errors.INVITATION_EXPIRED': 'This invitation has expired. Ask the person who invited you for a new one.',
  'errors.EMAIL_TAKEN': 'An account with this email address already exists.',
  'errors.ACCOUNT_DISABLED': 'This account has been disabled. Contact the summit secretariat.',
  'errors.RATE_LIMITED': 'Too many requests, try again later.',
  'errors.FORBIDDEN': 'You are not allowed to do this.',

  'validation.email': 'Enter a valid email address.',
  'validation.password': 'Enter your password.',
  'validation.displayName': 'Enter your display name.',
  'validation.passwordLength': 'The password must be at least 12 characters long.',
  'validation.passwordMatch': 'The two passwords do not match.',
  'validation.currentPassword': 'Enter your current password.',
  'validation.timeZone': 'Choose a time zone from the list, for example Europe/Paris.',

  'role.host_admin': 'Host administrator',
  'role.secretariat': 'Secretariat',
  'role.participant': 'Participant',

  'delegationRole.leader': 'Head of delegation',
  'delegationRole.delegate': 'Delegate',
  'delegationRole.advisor': 'Advisor',

  'organisationKind.state': 'State',
  'organisationKind.international_organisation': 'International organisation',
  'organisationKind.company': 'Company',
  'organisationKind.civil_society': 'Civil society',

  'login.title': 'Sign in',
  'login.intro': 'Sign in with the email address your invitation was sent to.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',

  'invitation.title': 'Accept your invitation',
  'invitation.intro': 'You are invited to join Plenary.',
  'invitation.introOrganisation': 'You are invited to join {organisation} on Plenary.',
  'invitation.checking': 'Checking your invitation…',
  'invitation.missingToken': 'This link is incomplete. Open the link from your invitation email again.',
  'invitation.email': 'Email',
  'invitation.organisation': 'Organisation',
  'invitation.delegationRole': 'Delegation role',
  'invitation.platformRole': 'Platform role',
  'invitation.expiresAt': 'Valid until',
  'invitation.displayName': 'Display name',
  'invitation.displayNameHint': 'Your name as other participants will see it.',
  'invitation.password': 'Password',
  'invitation.passwordHint': 'At least 12 characters.',
  'invitation.confirmPassword': 'Repeat the password',
  'invitation.submit': 'Create my account',
  'invitation.existingAccount': 'You already have an account with this address: enter its password to accept the invitation.',
  'invitation.existingPassword': 'Password of your account',
  'invitation.wrongPassword': 'This is not the password of your account.',
  'invitation.accept': 'Accept the invitation',
  'invitation.goToLogin': 'Go to sign in',
  'setup.title': 'Set up Plenary',
  'setup.intro': 'Create the first administrator account of this platform.',
  'setup.submit': 'Create the administrator account',

  'account.title': 'My account',
  'account.details': 'Your details',
  'account.name': 'Name',
  'account.email': 'Email',
  'account.platformRole': 'Platform role',
  'account.memberships': 'Organisations',
  'account.noMemberships': 'You are not a member of any organisation yet.',

  'profile.title': 'Profile',
  'profile.displayName': 'Display name',
  'profile.locale': 'Preferred language',
  'profile.timeZone': 'Time zone',
  'profile.timeZoneHint': 'Dates and times are shown in this time zone.',
  'profile.submit': 'Save profile',
  'profile.saved': 'Profile saved.',

  'sessions.title': 'Active sessions',
  'sessions.intro': 'The devices where you are signed in.',
  'sessions.thisDevice': 'This device',
  'sessions.address': 'Address',
  'sessions.createdAt': 'Signed in',
  'sessions.lastUsedAt': 'Last used',
  'sessions.unknown': 'Unknown',
  'sessions.unknownDevice': 'Unknown device',
  'sessions.deviceOn': '{browser} on {os}',
  'sessions.revoke': 'Revoke',
  'sessions.revokeNamed': 'Revoke the session on {device}',
  'sessions.revoked': 'Session revoked.',
  'sessions.signOut': 'Sign out',

  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.newHint': 'At least 12 characters.',
  'password.confirm': 'Repeat the new password',
  'password.submit': 'Change password',
  'password.changed': 'Password changed.',
  'password.currentWrong': 'The current password is incorrect.',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not lead to any page.',
  'notFound.home': 'Go to the home page',
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  'app.name': 'Plenary',
  'app.skipToContent': 'Aller au contenu',
  'app.interfaceLanguage': 'Langue de l’interface',
  'app.loading': 'Chargement…',

  'errors.generic': 'Une erreur est survenue. Veuillez réessayer.',
  'errors.NETWORK': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'errors.INVALID_CREDENTIALS': 'Adresse e-mail ou mot de passe incorrect.',
  'errors.TOO_MANY_ATTEMPTS': 'Trop de tentatives, réessayez plus tard.',
  'errors.VALIDATION_FAILED': 'Certaines informations ne sont pas valides. Vérifiez le formulaire et réessayez.',
  'errors.INVITATION_NOT_FOUND': 'Ce lien d’invitation n’est pas valide. Il a peut-être déjà été utilisé.',
  'errors.INVITATION_EXPIRED': 'Cette invitation a expiré. Demandez-en une nouvelle à la personne qui vous a invité.',
  'errors.EMAIL_TAKEN': 'Un compte existe déjà avec cette adresse e-mail.',
  'errors.ACCOUNT_DISABLED': 'Ce compte a été désactivé. Contactez le secrétariat du sommet.',
  'errors.RATE_LIMITED': 'Trop de requêtes, réessayez plus tard.',
  'errors.FORBIDDEN': 'Vous n’êtes pas autorisé à effectuer cette action.',

  'validation.email': 'Saisissez une adresse e-mail valide.',
  'validation.password': 'Saisissez votre mot de passe.',
  'validation.displayName': 'Saisissez votre nom affiché.',
  'validation.passwordLength': 'Le mot de passe doit comporter au moins 12 caractères.',
  'validation.passwordMatch': 'Les deux mots de passe ne correspondent pas.',
  'validation.currentPassword': 'Saisissez votre mot de passe actuel.',
  'validation.timeZone': 'Choisissez un fuseau horaire dans la liste, par exemple Europe/Paris.',

  'role.host_admin': 'Administration de l’organisation hôte',
  'role.secretariat': 'Secrétariat',
  'role.participant': 'Participant',

  'delegationRole.leader': 'Chef de délégation',
  'delegationRole.delegate': 'Délégué',
  'delegationRole.advisor': 'Conseiller',

  'organisationKind.state': 'État',
  'organisationKind.international_organisation': 'Organisation internationale',
  'organisationKind.company': 'Entreprise',
  'organisationKind.civil_society': 'Société civile',

  'login.title': 'Connexion',
  'login.intro': 'Connectez-vous avec l’adresse e-mail à laquelle votre invitation a été envoyée.',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',

  'invitation.title': 'Accepter votre invitation',
  'invitation.intro': 'Vous êtes invité à rejoindre Plenary.',
  'invitation.introOrganisation': 'Vous êtes invité à rejoindre {organisation} sur Plenary.',
  'invitation.checking': 'Vérification de votre invitation…',
  'invitation.missingToken': 'Ce lien est incomplet. Ouvrez à nouveau le lien reçu dans votre e-mail d’invitation.',
  'invitation.email': 'Adresse e-mail',
  'invitation.organisation': 'Organisation',
  'invitation.delegationRole': 'Rôle dans la délégation',
  'invitation.platformRole': 'Rôle sur la plateforme',
  'invitation.expiresAt': 'Valable jusqu’au',
  'invitation.displayName': 'Nom affiché',
  'invitation.displayNameHint': 'Votre nom tel que les autres participants le verront.',
  'invitation.password': 'Mot de passe',
  'invitation.passwordHint': 'Au moins 12 caractères.',
  'invitation.confirmPassword': 'Répétez le mot de passe',
  'invitation.submit': 'Créer mon compte',
  'invitation.existingAccount': 'Vous avez déjà un compte avec cette adresse : saisissez son mot de passe pour accepter l’invitation.',
  'invitation.existingPassword': 'Mot de passe de votre compte',
  'invitation.wrongPassword': 'Ce n’est pas le mot de passe de votre compte.',
  'invitation.accept': 'Accepter l’invitation',
  'invitation.goToLogin': 'Aller à la connexion',
  'setup.title': 'Configurer Plenary',
  'setup.intro': 'Créez le premier compte administrateur de cette plateforme.',
  'setup.submit': 'Créer le compte administrateur',

  'account.title': 'Mon compte',
  'account.details': 'Vos informations',
  'account.name': 'Nom',
  'account.email': 'Adresse e-mail',
  'account.platformRole': 'Rôle sur la plateforme',
  'account.memberships': 'Organisations',
  'account.noMemberships': 'Vous n’êtes encore membre d’aucune organisation.',

  'profile.title': 'Profil',
  'profile.displayName': 'Nom affiché',
  'profile.locale': 'Langue préférée',
  'profile.timeZone': 'Fuseau horaire',
  'profile.timeZoneHint': 'Les dates et heures sont affichées dans ce fuseau horaire.',
  'profile.submit': 'Enregistrer le profil',
  'profile.saved': 'Profil enregistré.',

  'sessions.title': 'Sessions actives',
  'sessions.intro': 'Les appareils sur lesquels vous êtes connecté.',
  'sessions.thisDevice': 'Cet appareil',
  'sessions.address': 'Adresse',
  'sessions.createdAt': 'Connexion',
  'sessions.lastUsedAt': 'Dernière activité',
  'sessions.unknown': 'Inconnue',
  'sessions.unknownDevice': 'Appareil inconnu',
  'sessions.deviceOn': '{browser} sur {os}',
  'sessions.revoke': 'Révoquer',
  'sessions.revokeNamed': 'Révoquer la session sur {device}',
  'sessions.revoked': 'Session révoquée.',
  'sessions.signOut': 'Se déconnecter',

  'password.title': 'Changer de mot de passe',
  'password.current': 'Mot de passe actuel',
  'password.new': 'Nouveau mot de passe',
  'password.newHint': 'Au moins 12 caractères.',
  'password.confirm': 'Répétez le nouveau mot de passe',
  'password.submit': 'Changer le mot de passe',
  'password.changed': 'Mot de passe modifié.',
  'password.currentWrong': 'Le mot de passe actuel est incorrect.',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Cette adresse ne mène à aucune page.',
  'notFound.home': 'Aller à l’accueil',
};

const messages: Record<Locale, Record<MessageKey, string>> = { en, fr };

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

export function translator(locale: Locale): Translate {
  return (key, values) =>
    messages[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => values?.[name] ?? placeholder);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The translated name of a delegation role or organisation kind, or readable words for one this client does not know. */
export function labelOf(t: Translate, group: 'delegationRole' | 'organisationKind', code: string): string {
  const key = `${group}.${code}`;
  return isMessageKey(key) ? t(key) : humanize(code);
}

/** Turns a code such as `civil_society` into readable words. */
function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

const storageKey = 'plenary.locale';

/** The language chosen on this browser, if any. */
export function storedLocale(): Locale | null {
  const value = localStorage.getItem(storageKey);
  return isLocale(value) ? value : null;
}

export function storeLocale(locale: Locale): void {
  localStorage.setItem(storageKey, locale);
}

/** The language to start with: the one chosen here before, else the browser's. */
export function initialLocale(): Locale {
  return storedLocale() ?? (navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en');
}

/** A problem found by this client, kept as a key so that its message follows a change of language. */
export class Notice {
  constructor(readonly key: MessageKey) {}
}

/**
 * The message to show for a problem: a notice of this client, or a failed
 * request explained by the translation of the server's error code when there
 * is one, else by the server's own message.
 */
export function errorMessage(
  t: Translate,
  error: unknown,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  if (error instanceof Notice) return t(error.key);
  if (!(error instanceof ApiError)) return t('errors.generic');
  const override = overrides[error.code];
  if (override) return t(override);
  const key = `errors.${error.code}`;
  if (isMessageKey(key)) return t(key);
  // Without a known code, only a message the server wrote for people is worth showing.
  if (error.code === 'UNKNOWN' || error.status >= 500 || !error.message) return t('errors.generic');
  return error.message;
}
