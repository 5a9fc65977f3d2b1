import { useId, useState } from 'react';
import type { ChatMessage, User } from '../api';
import { Heading, type HeadingLevel } from '../components/heading';
import { useLanguage } from '../language.context';
import { excerpt, formatMessageTime } from './chat.format';

interface PinnedMessagesProps {
  /** The channel's pinned messages by sequence; null while they load. */
  pinned: ChatMessage[] | null;
  user: User;
  nameOf(userId: string): string;
  headingLevel: HeadingLevel;
  /** The reader may unpin here. */
  canPin: boolean;
  onUnpin(messageId: string): Promise<boolean>;
}

/** Beyond this many pins the list starts folded, so that the conversation stays in view. */
const shownUpTo = 3;

/**
 * The messages pinned in the selected channel, above its log: nothing while
 * there are none, folded under its heading when there are many.
 */
export function PinnedMessages({ pinned, user, nameOf, headingLevel, canPin, onUnpin }: PinnedMessagesProps) {
  const { t, locale } = useLanguage();
  const id = useId();
  /** What the reader chose; until then, open when the list is short. */
  const [open, setOpen] = useState<boolean | null>(null);
  if (!pinned || pinned.length === 0) return null;
  const expanded = open ?? pinned.length <= shownUpTo;
  const number = new Intl.NumberFormat(locale);

  return (
    <section className="chat-pinned" aria-labelledby={`${id}-title`}>
      <div className="chat-pinned-header">
        <Heading level={headingLevel} id={`${id}-title`} className="chat-pinned-title">
          {t('chat.pinnedHeading', { count: number.format(pinned.length) })}
        </Heading>
        <button type="button" className="link" aria-expanded={expanded} aria-controls={`${id}-list`} onClick={() => setOpen(!expanded)}>
          {expanded ? t('chat.pinnedHide') : t('chat.pinnedShow')}
        </button>
      </div>
      <ul id={`${id}-list`} className="chat-pinned-list" hidden={!expanded}>
        {pinned.map((message) => {
          const author = nameOf(message.authorId);
          return (
            <li key={message.id}>
              <p className="message-meta">
                <span className="message-author">{author}</span> <time dateTime={message.createdAt}>{formatMessageTime(message.createdAt, locale, user.timeZone)}</time>
              </p>
              <p className="chat-pinned-body">{excerpt(message.body, 160)}</p>
              {canPin && (
                <button type="button" className="link" aria-label={t('chat.unpinOf', { person: author })} onClick={() => void onUnpin(message.id)}>
                  {t('chat.unpin')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
