import { messageMaxLength, type ChatChannel, type User } from '../api';
import { dateLocale, isTimeZone } from '../format';
import { errorMessage, type Locale, type Translate } from '../i18n';
import type { ChatFailure } from './use-chat';

/** A channel's name in the reader's language; the server's title is English and does not know who reads it. */
export function channelName(t: Translate, channel: ChatChannel, user: User, nameOf: (userId: string) => string): string {
  switch (channel.kind) {
    case 'lobby':
      return t('chat.lobby');
    case 'delegation': {
      const organisation = user.memberships.find((membership) => membership.organisationId === channel.organisationId)?.organisationName;
      return organisation ? t('chat.delegation', { organisation }) : channel.title;
    }
    case 'direct': {
      const other = channel.memberIds.find((id) => id !== user.id);
      return other ? nameOf(other) : channel.title;
    }
    default:
      return channel.title;
  }
}

/** What went wrong, in the reader's words. */
export function chatErrorMessage(t: Translate, { failure }: ChatFailure): string {
  return errorMessage(t, failure, {
    RATE_LIMITED: 'chat.errors.rateLimited',
    VALIDATION_FAILED: 'chat.errors.invalid',
    NOT_FOUND: 'chat.errors.notFound',
    MUTED: 'chat.errors.muted',
  });
}

/** Characters as the server counts them: a character outside the Basic Multilingual Plane counts once. */
export function messageLength(body: string): number {
  return Array.from(body).length;
}

export function isTooLong(body: string): boolean {
  return messageLength(body) > messageMaxLength;
}

/** The start of a message, to recall it beside a reply. */
export function excerpt(body: string, length = 80): string {
  const characters = Array.from(body.replace(/\s+/g, ' ').trim());
  return characters.length > length ? `${characters.slice(0, length).join('')}…` : characters.join('');
}

/** The time of a message today, or its date and time on another day, in the reader's zone. */
export function formatMessageTime(iso: string, locale: Locale, timeZone: string): string {
  const zone = isTimeZone(timeZone) ? timeZone : undefined;
  const dayOf = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const date = new Date(iso);
  const today = dayOf(date) === dayOf(new Date());
  const options: Intl.DateTimeFormatOptions = today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(dateLocale(locale), { ...options, timeZone: zone }).format(date);
}

/** “Ada is typing…” for the people typing in the channel, or null when nobody is. */
export function typingNote(t: Translate, names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return t('chat.typingOne', { person: names[0] });
  if (names.length === 2) return t('chat.typingTwo', { first: names[0], second: names[1] });
  return t('chat.typingMany');
}

/** Mute durations the host side chooses from, in minutes. */
export const muteDurations = [15, 60, 1440, 10_080] as const;
export type MuteDuration = (typeof muteDurations)[number];
