import { useId } from 'react';
import type { ChatChannel } from '../api';
import { Heading, type HeadingLevel } from '../components/heading';
import type { MessageKey } from '../i18n';
import { useLanguage } from '../language.context';

interface ChannelListProps {
  channels: ChatChannel[];
  selectedId: string | null;
  headingLevel: HeadingLevel;
  nameOf(channel: ChatChannel): string;
  unreadOf(channel: ChatChannel): number;
  /** Unread messages that mention the reader. */
  mentionsOf(channel: ChatChannel): number;
  onSelect(channelId: string): void;
}

const groups: { title: MessageKey; kinds: ChatChannel['kind'][] }[] = [
  { title: 'chat.summitChannels', kinds: ['lobby', 'delegation'] },
  { title: 'chat.sessionChannels', kinds: ['session'] },
  { title: 'chat.directChannels', kinds: ['direct'] },
];

/** The channels open to the reader, grouped, each with its count of unread messages and of unread mentions. */
export function ChannelList({ channels, selectedId, headingLevel, nameOf, unreadOf, mentionsOf, onSelect }: ChannelListProps) {
  const { t } = useLanguage();
  const id = useId();
  return (
    <>
      {groups.map((group, index) => {
        const members = channels
          .filter((channel) => group.kinds.includes(channel.kind))
          // The lobby first, then one's own delegation.
          .sort((a, b) => group.kinds.indexOf(a.kind) - group.kinds.indexOf(b.kind));
        if (members.length === 0) return null;
        const headingId = `${id}-${index}`;
        return (
          <div key={group.title} className="chat-channel-group">
            <Heading level={headingLevel} id={headingId} className="chat-group-title">
              {t(group.title)}
            </Heading>
            <ul className="chat-channels" aria-labelledby={headingId}>
              {members.map((channel) => {
                const name = nameOf(channel);
                const unread = unreadOf(channel);
                const mentions = mentionsOf(channel);
                return (
                  <li key={channel.id}>
                    <button
                      type="button"
                      className="chat-channel"
                      aria-current={channel.id === selectedId ? 'true' : undefined}
                      onClick={() => onSelect(channel.id)}
                    >
                      {/* The badges alone would be read as bare numbers: the button's name says them in words, after the visible name. */}
                      <span className="chat-channel-name">
                        {name}
                        {unread > 0 && <span className="visually-hidden">, {t('chat.unread', { count: unread })}</span>}
                        {mentions > 0 && <span className="visually-hidden">, {t('chat.mentions', { count: mentions })}</span>}
                      </span>
                      {mentions > 0 && (
                        <span className="badge mention" aria-hidden="true">
                          @{mentions}
                        </span>
                      )}
                      {unread > 0 && (
                        <span className="badge" aria-hidden="true">
                          {unread}
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </>
  );
}
