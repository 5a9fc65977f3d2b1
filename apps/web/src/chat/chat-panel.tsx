import type { PresenceEntry } from '@plenary/live-contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import {
  muteInChat,
  openDirectChannel,
  unmuteInChat,
  type ChatChannel,
  type ChatMessage,
  type User,
} from '../api';
import { ErrorAlert, StatusMessage } from '../components/form';
import { Heading } from '../components/heading';
import { errorMessage, isMessageKey } from '../i18n';
import { useLanguage } from '../language.context';
import { useLiveSummit } from '../live';
import { chatMutesQuery, participantsQuery, peopleQuery, queryKeys } from '../queries';
import { Link } from '../components/app-link';
import { ChannelList } from './channel-list';
import { channelName, chatErrorMessage, formatMessageTime, typingNote, type MuteDuration } from './chat.format';
import type { Mentions } from './chat.store';
import { Composer, type MentionCandidate } from './composer';
import { DirectMessageForm } from './direct-message-form';
import { MessageList } from './message-list';
import { MutedList } from './muted-list';
import { OnlineList } from './online-list';
import { PinnedMessages } from './pinned-messages';
import { isPageVisible, subscribeToVisibility, useChat, type ChatStatus } from './use-chat';

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

/** How long the people and delegations read for the picker and `@` suggestions count as fresh. */
const directoryFreshMs = 30_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The people and delegations a message names: those chosen while writing it
 * whose `@Name` it still holds as a whole word. Longer names are looked for
 * first and taken out, so that `@Ana Maria` does not also name Ana.
 */
function mentionsIn(body: string, chosen: MentionCandidate[]): Mentions {
  let rest = body;
  const named = [...chosen]
    .sort((a, b) => b.label.length - a.label.length)
    .filter((candidate) => {
      const pattern = new RegExp(`@${escapeRegExp(candidate.label)}(?![\\p{L}\\p{N}])`, 'gu');
      const found = pattern.test(rest);
      rest = rest.replace(pattern, ' ');
      return found;
    });
  const idsOf = (kind: MentionCandidate['kind']) => [...new Set(named.filter((candidate) => candidate.kind === kind).map((candidate) => candidate.id))];
  return { userIds: idsOf('person'), organisationIds: idsOf('delegation') };
}

/** The channel shown first: the session's when one is named, else the lobby. */
function openingChannel(channels: ChatChannel[], sessionId: string | undefined): ChatChannel | null {
  const session = sessionId ? channels.find((channel) => channel.kind === 'session' && channel.sessionId === sessionId) : undefined;
  return session ?? channels.find((channel) => channel.kind === 'lobby') ?? channels[0] ?? null;
}

/**
 * A summit's chat: its channels with unread counts and mentions, kept live by
 * following the summit on `/chat`, the selected channel's messages and a composer.
 */
export function ChatPanel({ summitId, user, canModerate, sessionId, compact = false }: ChatPanelProps) {
  const { t, locale } = useLanguage();
  const id = useId();
  const queryClient = useQueryClient();
  const people = useQuery(peopleQuery(summitId));
  const delegations = useQuery(participantsQuery(summitId));
  // Only the host side may read the mutes in force.
  const mutes = useQuery({ ...chatMutesQuery(summitId), enabled: canModerate });
  const mutesChanged = () => queryClient.invalidateQueries({ queryKey: queryKeys.chatMutes(summitId) });
  const [online, setOnline] = useState<PresenceEntry[]>([]);
  useLiveSummit(summitId, { onPresenceChanged: setOnline });
  const directoryReadAt = useRef(0);
  /** People join and delegations accede during a summit: read them again when the reader comes back to the chat. */
  const refreshDirectory = () => {
    if (Date.now() - directoryReadAt.current < directoryFreshMs) return;
    directoryReadAt.current = Date.now();
    void queryClient.invalidateQueries({ queryKey: queryKeys.people(summitId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.participants(summitId) });
  };
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  /** Per channel, who was chosen to be mentioned while writing its draft. */
  const [chosenMentions, setChosenMentions] = useState<Record<string, MentionCandidate[]>>({});
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** What happened to the chat as a whole, such as the selected channel closing to the reader. */
  const [panelNotice, setPanelNotice] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const focusComposer = useRef(false);
  const visible = useSyncExternalStore(subscribeToVisibility, isPageVisible);

  const names = useMemo(() => new Map((people.data ?? []).map((person) => [person.userId, person.displayName])), [people.data]);
  const nameOf = (userId: string) => (userId === user.id ? user.displayName : (names.get(userId) ?? t('chat.participant')));
  // The delegations people speak for, by their short names, beside their names in the log.
  const delegationLabels = useMemo(() => {
    const shortNames = new Map((delegations.data ?? []).map((participant) => [participant.organisationId, participant.shortName ?? participant.name]));
    return new Map(
      (people.data ?? []).map((person) => [
        person.userId,
        person.organisationIds
          .map((id) => shortNames.get(id))
          .filter((label): label is string => Boolean(label))
          .join(', '),
      ]),
    );
  }, [people.data, delegations.data]);
  const delegationOf = (userId: string) => delegationLabels.get(userId) || null;
  const nameOfChannel = (channel: ChatChannel) => channelName(t, channel, user, nameOf);

  const chat = useChat(user.id, summitId, chosenId, {
    onChannelRemoved(channelId) {
      if (channelId !== chosenId) return;
      const channel = chat.channels?.find((listed) => listed.id === channelId);
      setPanelNotice(t('chat.channelRemoved', { channel: channel ? nameOfChannel(channel) : t('chat.thisChannel') }));
      setChosenId(null);
      setReplyTo(null);
    },
    onSummitRemoved() {
      setPanelNotice(t('chat.summitRemoved'));
      setChosenId(null);
    },
  });
  const list = chat.channels;
  const selected = list?.find((channel) => channel.id === chosenId) ?? null;

  // Once the channels are known, and again when the selected one is gone: the opening channel.
  useEffect(() => {
    if (!list || (chosenId && list.some((channel) => channel.id === chosenId))) return;
    setChosenId(openingChannel(list, sessionId)?.id ?? null);
  }, [list, chosenId, sessionId]);

  const mentionCandidates = useMemo<MentionCandidate[]>(() => {
    const persons = (people.data ?? [])
      .filter((person) => person.userId !== user.id)
      .map((person): MentionCandidate => ({ kind: 'person', id: person.userId, label: person.displayName }));
    const groups = (delegations.data ?? [])
      .filter((participant) => participant.status !== 'declined' && participant.status !== 'withdrawn')
      .map((participant): MentionCandidate => ({ kind: 'delegation', id: participant.organisationId, label: participant.name }));
    return [...persons, ...groups].sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [people.data, delegations.data, user.id, locale]);

  useEffect(() => {
    if (!focusComposer.current) return;
    focusComposer.current = false;
    composer.current?.focus();
  }, [selected?.id]);

  // What is on screen is being read.
  const onScreen = (channel: ChatChannel) => channel.id === selected?.id && visible;

  const unreadOf = (channel: ChatChannel) => {
    if (onScreen(channel)) return 0;
    const read = Math.max(channel.lastReadSequence, chat.readUpTo[channel.id] ?? 0);
    return Math.max(0, Math.max(channel.lastSequence, chat.newestHeld(channel.id)) - read);
  };

  const mentionsOf = (channel: ChatChannel) => (onScreen(channel) ? 0 : channel.unreadMentions);

  const select = (channelId: string) => {
    setChosenId(channelId);
    setReplyTo(null);
    setNotice(null);
    setPanelNotice(null);
  };

  const openDirect = async (userId: string) => {
    const channel = await openDirectChannel(summitId, userId);
    // Listed at once: the list only hears of a new channel when a message arrives in it.
    chat.addChannel(channel);
    focusComposer.current = true;
    select(channel.id);
  };

  const mute = async (userId: string, minutes: MuteDuration) => {
    await muteInChat(summitId, userId, minutes);
    setNotice(t('chat.muted', { person: nameOf(userId), duration: t(`chat.duration.${minutes}`) }));
    void mutesChanged();
  };

  const unmute = async (userId: string) => {
    await unmuteInChat(summitId, userId);
    setNotice(t('chat.unmuted', { person: nameOf(userId) }));
    await mutesChanged();
  };

  const reply = (message: ChatMessage) => {
    setReplyTo(message);
    composer.current?.focus();
  };

  // A message naming one of the reader's delegations mentions the reader too.
  const delegationIds = useMemo(() => user.memberships.map((membership) => membership.organisationId), [user.memberships]);

  const level = compact ? 3 : 2;
  const selectedName = selected ? nameOfChannel(selected) : '';
  const moderated = canModerate && (selected?.kind === 'lobby' || selected?.kind === 'session');
  // The members of a delegation's channel or a direct conversation pin there themselves.
  const canPin = moderated || selected?.kind === 'delegation' || selected?.kind === 'direct';
  const mutedNotice = chat.mute
    ? chat.mute.until
      ? t('chat.youAreMutedUntil', { time: formatMessageTime(chat.mute.until, locale, user.timeZone) })
      : t('chat.youAreMutedUntilLifted')
    : null;
  const answering = replyTo && replyTo.channelId === selected?.id ? replyTo : null;
  const typing = typingNote(t, chat.typingUserIds.map(nameOf));

  return (
    <section className={compact ? 'chat compact' : 'chat'} onFocus={refreshDirectory} aria-labelledby={compact ? `${id}-title` : undefined} aria-label={compact ? undefined : t('chat.heading')}>
      {compact && (
        <div className="chat-header">
          <h2 id={`${id}-title`}>{t('chat.heading')}</h2>
          <Link to="/summits/$summitId/chat" params={{ summitId }}>{t('chat.openOnItsOwn')}</Link>
        </div>
      )}
      <ConnectionNote status={chat.status} refusal={chat.refusal} />
      <StatusMessage message={panelNotice} />
      <ErrorAlert message={chat.channelsError && !list ? errorMessage(t, chat.channelsError) : null} />
      {!list && !chat.channelsError && chat.status !== 'refused' && <p>{t('app.loading')}</p>}
      {list && list.length === 0 && <p>{t('chat.noChannels')}</p>}
      {list && selected && (
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
                mentionsOf={mentionsOf}
                onSelect={select}
              />
            </nav>
            <DirectMessageForm people={people.data ?? []} selfId={user.id} onOpen={openDirect} />
            <OnlineList
              online={online}
              selfId={user.id}
              nameOf={nameOf}
              delegationName={(organisationId) => delegations.data?.find((d) => d.organisationId === organisationId)?.shortName ?? null}
            />
            {canModerate && (
              <MutedList mutes={mutes.data ?? null} error={mutes.error} user={user} nameOf={nameOf} onOpen={() => void mutesChanged()} onUnmute={unmute} />
            )}
          </div>
          <div className="chat-conversation">
            <Heading level={level} id={`${id}-conversation`} className="chat-conversation-title">
              {selected.kind === 'direct' ? t('chat.withPerson', { person: selectedName }) : selectedName}
            </Heading>
            <StatusMessage message={notice} />
            <ErrorAlert message={chat.error ? chatErrorMessage(t, chat.error) : null} />
            <PinnedMessages
              key={selected.id}
              pinned={chat.pinned}
              user={user}
              nameOf={nameOf}
              headingLevel={level === 2 ? 3 : 4}
              canPin={canPin}
              onUnpin={(messageId) => chat.pin(messageId, false)}
            />
            <MessageList
              key={selected.id}
              label={t('chat.messagesIn', { channel: selectedName })}
              log={chat.log}
              pending={chat.pending}
              delegationIds={delegationIds}
              user={user}
              nameOf={nameOf}
              delegationOf={delegationOf}
              canModerate={moderated}
              canPin={canPin}
              hasOlder={chat.hasOlder}
              loadingOlder={chat.loadingOlder}
              onLoadOlder={chat.loadOlder}
              onReply={reply}
              onEdit={chat.edit}
              onDelete={chat.remove}
              onPin={chat.pin}
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
              mentionCandidates={mentionCandidates}
              onMention={(candidate) => setChosenMentions((known) => ({ ...known, [selected.id]: [...(known[selected.id] ?? []), candidate] }))}
              replyTo={answering ? { author: nameOf(answering.authorId), body: answering.body } : null}
              onCancelReply={() => {
                setReplyTo(null);
                composer.current?.focus();
              }}
              onSend={(body) => {
                chat.send(body, answering?.id ?? null, mentionsIn(body, chosenMentions[selected.id] ?? []));
                setDrafts((known) => ({ ...known, [selected.id]: '' }));
                setChosenMentions((known) => ({ ...known, [selected.id]: [] }));
                setReplyTo(null);
              }}
              onTyping={chat.typing}
              blockedNotice={mutedNotice}
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
