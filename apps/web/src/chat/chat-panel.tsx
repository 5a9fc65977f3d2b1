import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { listChannels, listSummitMembers, muteInChat, openDirectChannel, type ChatChannel, type ChatMessage, type User } from '../api';
import { ErrorAlert, StatusMessage } from '../components/form';
import { Heading } from '../components/heading';
import { errorMessage, isMessageKey } from '../i18n';
import { useLanguage } from '../language.context';
import { useResource } from '../resource';
import { Link } from '../router';
import { ChannelList } from './channel-list';
import { channelName, chatErrorMessage, typingNote, type MuteDuration } from './chat.format';
import { Composer } from './composer';
import { DirectMessageForm } from './direct-message-form';
import { MessageList } from './message-list';
import { isPageVisible, subscribeToVisibility, useChat, type ChatStatus } from './use-chat';

/**
 * How often the channel list is read again while the page is in view. Only the
 * selected channel is joined, so the unread counts of the others come from here.
 */
const channelsRefreshMs = 10_000;

interface ChatPanelProps {
  summitId: string;
  user: User;
  /** The host side deletes any message in the lobby and session channels and mutes people. */
  canModerate: boolean;
  /** Opens this session's channel rather than the lobby. */
  sessionId?: string;
  /** Beside another page: a heading of its own and a link to the chat on a page of its own. */
  compact?: boolean;
}

/** The channel shown first: the session's when one is named, else the lobby. */
function openingChannel(channels: ChatChannel[], sessionId: string | undefined): ChatChannel | null {
  const session = sessionId ? channels.find((channel) => channel.kind === 'session' && channel.sessionId === sessionId) : undefined;
  return session ?? channels.find((channel) => channel.kind === 'lobby') ?? channels[0] ?? null;
}

/** A summit's chat: its channels with unread counts, the selected channel's messages and a composer. */
export function ChatPanel({ summitId, user, canModerate, sessionId, compact = false }: ChatPanelProps) {
  const { t } = useLanguage();
  const id = useId();
  const channels = useResource(() => listChannels(summitId), [summitId]);
  const members = useResource(() => listSummitMembers(summitId), [summitId]);
  const [opened, setOpened] = useState<ChatChannel[]>([]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const focusComposer = useRef(false);
  const visible = useSyncExternalStore(subscribeToVisibility, isPageVisible);
  const { reload: reloadChannels } = channels;

  // A conversation just opened is listed before the next reading of the list brings it.
  const list = useMemo(() => {
    const known = channels.data ?? [];
    return [...known, ...opened.filter((channel) => !known.some((listed) => listed.id === channel.id))];
  }, [channels.data, opened]);
  const selected = list.find((channel) => channel.id === chosenId) ?? openingChannel(list, sessionId);
  const chat = useChat(user.id, selected?.id ?? null, () => void reloadChannels());

  const names = useMemo(() => new Map((members.data ?? []).map((member) => [member.userId, member.displayName])), [members.data]);
  const nameOf = (userId: string) => (userId === user.id ? user.displayName : (names.get(userId) ?? t('chat.participant')));
  const nameOfChannel = (channel: ChatChannel) => channelName(t, channel, user, nameOf);

  // Counts come back up to date as soon as the page is in view again, then every few seconds while it stays so.
  const wasVisible = useRef(visible);
  useEffect(() => {
    if (visible && !wasVisible.current) void reloadChannels();
    wasVisible.current = visible;
    if (!visible) return;
    const timer = window.setInterval(() => void reloadChannels(), channelsRefreshMs);
    return () => window.clearInterval(timer);
  }, [visible, reloadChannels]);

  useEffect(() => {
    if (!focusComposer.current) return;
    focusComposer.current = false;
    composer.current?.focus();
  }, [selected?.id]);

  const unreadOf = (channel: ChatChannel) => {
    // What is on screen is being read.
    if (channel.id === selected?.id && visible) return 0;
    const read = Math.max(channel.lastReadSequence, chat.readUpTo[channel.id] ?? 0);
    return Math.max(0, Math.max(channel.lastSequence, chat.newestHeld(channel.id)) - read);
  };

  const select = (channelId: string) => {
    setChosenId(channelId);
    setReplyTo(null);
    setNotice(null);
  };

  const openDirect = async (userId: string) => {
    const channel = await openDirectChannel(summitId, userId);
    setOpened((known) => [...known.filter((listed) => listed.id !== channel.id), channel]);
    focusComposer.current = true;
    select(channel.id);
  };

  const mute = async (userId: string, minutes: MuteDuration) => {
    await muteInChat(summitId, userId, minutes);
    setNotice(t('chat.muted', { person: nameOf(userId), duration: t(`chat.duration.${minutes}`) }));
  };

  const reply = (message: ChatMessage) => {
    setReplyTo(message);
    composer.current?.focus();
  };

  const level = compact ? 3 : 2;
  const selectedName = selected ? nameOfChannel(selected) : '';
  const moderated = canModerate && (selected?.kind === 'lobby' || selected?.kind === 'session');
  const answering = replyTo && replyTo.channelId === selected?.id ? replyTo : null;
  const typing = typingNote(t, chat.typingUserIds.map(nameOf));

  return (
    <section className={compact ? 'chat compact' : 'chat'} aria-labelledby={compact ? `${id}-title` : undefined} aria-label={compact ? undefined : t('chat.heading')}>
      {compact && (
        <div className="chat-header">
          <h2 id={`${id}-title`}>{t('chat.heading')}</h2>
          <Link to={`/summits/${summitId}/chat`}>{t('chat.openOnItsOwn')}</Link>
        </div>
      )}
      <ConnectionNote status={chat.status} refusal={chat.refusal} />
      <ErrorAlert message={channels.error && !channels.data ? errorMessage(t, channels.error) : null} />
      {!channels.data && !channels.error && <p>{t('app.loading')}</p>}
      {channels.data && list.length === 0 && <p>{t('chat.noChannels')}</p>}
      {selected && (
        <div className="chat-layout">
          <div className="chat-sidebar">
            <nav aria-labelledby={`${id}-channels`}>
              <Heading level={level} id={`${id}-channels`} className="chat-sidebar-title">
                {t('chat.channels')}
              </Heading>
              <ChannelList
                channels={list}
                selectedId={selected.id}
                headingLevel={level === 2 ? 3 : 4}
                nameOf={nameOfChannel}
                unreadOf={unreadOf}
                onSelect={select}
              />
            </nav>
            <DirectMessageForm members={members.data ?? []} selfId={user.id} onOpen={openDirect} />
          </div>
          <div className="chat-conversation">
            <Heading level={level} id={`${id}-conversation`} className="chat-conversation-title">
              {selected.kind === 'direct' ? t('chat.withPerson', { person: selectedName }) : selectedName}
            </Heading>
            <StatusMessage message={notice} />
            <ErrorAlert message={chat.error ? chatErrorMessage(t, chat.error) : null} />
            <MessageList
              key={selected.id}
              label={t('chat.messagesIn', { channel: selectedName })}
              log={chat.log}
              pending={chat.pending}
              user={user}
              nameOf={nameOf}
              canModerate={moderated}
              hasOlder={chat.hasOlder}
              loadingOlder={chat.loadingOlder}
              onLoadOlder={chat.loadOlder}
              onReply={reply}
              onEdit={chat.edit}
              onDelete={chat.remove}
              onMute={mute}
              onRetry={chat.retry}
              onDiscard={chat.discard}
            />
            <p className="chat-typing">{typing}</p>
            <Composer
              textareaRef={composer}
              channelName={selectedName}
              draft={drafts[selected.id] ?? ''}
              onDraftChange={(draft) => setDrafts((known) => ({ ...known, [selected.id]: draft }))}
              replyTo={answering ? { author: nameOf(answering.authorId), body: answering.body } : null}
              onCancelReply={() => {
                setReplyTo(null);
                composer.current?.focus();
              }}
              onSend={(body) => {
                chat.send(body, answering?.id ?? null);
                setDrafts((known) => ({ ...known, [selected.id]: '' }));
                setReplyTo(null);
              }}
              onTyping={chat.typing}
            />
          </div>
        </div>
      )}
    </section>
  );
}

/** Whether the chat is live; announced when the connection drops and comes back. */
function ConnectionNote({ status, refusal }: { status: ChatStatus; refusal: string | null }) {
  const { t } = useLanguage();
  if (status === 'refused') {
    const reason = `errors.${refusal}`;
    return <ErrorAlert message={isMessageKey(reason) ? t(reason) : t('chat.refused')} />;
  }
  const message = status === 'connecting' ? t('chat.connecting') : status === 'offline' ? t('chat.offline') : null;
  return (
    <p className="chat-connection" role="status">
      {message}
    </p>
  );
}
