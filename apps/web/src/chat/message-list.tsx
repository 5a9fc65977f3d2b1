import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { messageMaxLength, type ChatMessage, type User } from '../api';
import { ErrorAlert, SelectField, TextAreaField } from '../components/form';
import { errorMessage } from '../i18n';
import { useLanguage } from '../language.context';
import { excerpt, formatMessageTime, isTooLong, muteDurations, type MuteDuration } from './chat.format';
import type { ChannelLog, PendingMessage } from './chat.store';
import { MessageBody } from './message-body';

interface MessageListProps {
  /** The log's name, such as “Messages in Lobby”. */
  label: string;
  log: ChannelLog;
  pending: PendingMessage[];
  user: User;
  /** The reader's delegations: a message naming one of them mentions the reader. */
  delegationIds: string[];
  nameOf(userId: string): string;
  /** The delegations a person speaks for, by short name, if any. */
  delegationOf(userId: string): string | null;
  /** The reader may delete anyone's message here and mute its author: the host side, in the lobby and session channels. */
  canModerate: boolean;
  /** The reader may pin and unpin messages here: the host side in the lobby and session channels, everyone in the others. */
  canPin: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder(): Promise<void>;
  onReply(message: ChatMessage): void;
  onEdit(messageId: string, body: string): Promise<boolean>;
  onDelete(messageId: string): Promise<boolean>;
  onPin(messageId: string, pinned: boolean): Promise<boolean>;
  onMute(userId: string, minutes: MuteDuration): Promise<void>;
  onRetry(clientMessageId: string): void;
  onDiscard(clientMessageId: string): void;
}

/** How close to the end, in pixels, still counts as reading the newest messages. */
const bottomSlack = 48;

/**
 * A channel's messages, oldest first, then one's own still on their way. The
 * list follows new messages while the reader is at its end, and keeps its place
 * when earlier messages are added above.
 */
export function MessageList(props: MessageListProps) {
  const { label, log, pending, user, nameOf, hasOlder, loadingOlder, onLoadOlder } = props;
  const { t } = useLanguage();
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const anchor = useRef<{ height: number; top: number; oldest: number } | null>(null);
  const sentCount = useRef(pending.length);
  const byId = new Map(log.messages.map((message) => [message.id, message]));

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const oldest = log.messages[0]?.sequence ?? 0;
    const sentMore = pending.length > sentCount.current;
    sentCount.current = pending.length;
    if (anchor.current && oldest < anchor.current.oldest) {
      element.scrollTop = anchor.current.top + element.scrollHeight - anchor.current.height;
      anchor.current = null;
    } else if (following.current || sentMore) {
      element.scrollTop = element.scrollHeight;
      following.current = true;
    }
  }, [log.messages, pending]);

  const loadOlder = () => {
    const element = box.current;
    if (element) anchor.current = { height: element.scrollHeight, top: element.scrollTop, oldest: log.messages[0]?.sequence ?? 0 };
    void onLoadOlder();
  };

  return (
    <div className="chat-log-frame">
      {hasOlder && (
        <button type="button" className="chat-older" disabled={loadingOlder} onClick={loadOlder}>
          {loadingOlder ? t('chat.loadingMessages') : t('chat.loadOlder')}
        </button>
      )}
      <div
        ref={box}
        className="chat-log"
        role="log"
        aria-live="polite"
        aria-label={label}
        aria-busy={!log.loaded || undefined}
        // Focusable so that the keyboard can scroll it.
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < bottomSlack;
        }}
      >
        {!log.loaded && log.messages.length === 0 && <p className="muted">{t('chat.loadingMessages')}</p>}
        {log.loaded && log.messages.length === 0 && pending.length === 0 && <p className="muted">{t('chat.noMessages')}</p>}
        <ol className="chat-messages">
          {log.messages.map((message) => (
            <MessageItem key={message.id} {...props} message={message} replied={message.replyToId ? (byId.get(message.replyToId) ?? null) : null} />
          ))}
          {pending.map((item) => (
            <PendingItem
              key={item.clientMessageId}
              item={item}
              author={user.displayName}
              replied={item.replyToId ? (byId.get(item.replyToId) ?? null) : null}
              nameOf={nameOf}
              onRetry={props.onRetry}
              onDiscard={props.onDiscard}
            />
          ))}
        </ol>
      </div>
    </div>
  );
}

function ReplyReference({ replied, nameOf }: { replied: ChatMessage | null; nameOf(userId: string): string }) {
  const { t } = useLanguage();
  if (!replied) return <p className="message-reply">{t('chat.inReplyToEarlier')}</p>;
  if (replied.deletedAt) return <p className="message-reply">{t('chat.inReplyToDeleted')}</p>;
  return (
    <p className="message-reply">
      {t('chat.inReplyTo', { person: nameOf(replied.authorId) })} <q>{excerpt(replied.body)}</q>
    </p>
  );
}

type Mode = 'view' | 'edit' | 'delete' | 'mute';

/** Whether someone else's message names the reader, or one of the reader's delegations. */
function mentionsReader(message: ChatMessage, userId: string, delegationIds: string[]): boolean {
  if (message.authorId === userId || message.deletedAt) return false;
  return message.mentions.userIds.includes(userId) || message.mentions.organisationIds.some((id) => delegationIds.includes(id));
}

function MessageItem({
  message,
  replied,
  user,
  delegationIds,
  nameOf,
  delegationOf,
  canModerate,
  canPin,
  onReply,
  onEdit,
  onDelete,
  onPin,
  onMute,
}: MessageListProps & { message: ChatMessage; replied: ChatMessage | null }) {
  const { t, locale } = useLanguage();
  const [mode, setMode] = useState<Mode>('view');
  const [error, setError] = useState<unknown>(null);
  const actions = useRef<HTMLDivElement>(null);
  const item = useRef<HTMLLIElement>(null);
  const returnFocus = useRef(false);
  const own = message.authorId === user.id;
  const author = nameOf(message.authorId);
  const delegation = delegationOf(message.authorId);
  const deleted = message.deletedAt !== null;
  const mentioned = mentionsReader(message, user.id, delegationIds);

  // Back from a form, the keyboard returns to the message's actions; a deleted message has none left, so to the log.
  useEffect(() => {
    if (mode !== 'view' || !returnFocus.current) return;
    returnFocus.current = false;
    const target = actions.current?.querySelector('button') ?? item.current?.closest<HTMLElement>('[role="log"]');
    target?.focus();
  }, [mode, deleted]);

  const close = () => {
    returnFocus.current = true;
    setError(null);
    setMode('view');
  };

  const confirmDelete = async () => {
    if (await onDelete(message.id)) close();
  };

  return (
    <li ref={item} className={own ? 'message own' : mentioned ? 'message mentioned' : 'message'}>
      <p className="message-meta">
        <span className="message-author">{author}</span> {delegation && <span className="message-delegation">{delegation}</span>} <time dateTime={message.createdAt}>{formatMessageTime(message.createdAt, locale, user.timeZone)}</time>
        {message.editedAt && !deleted && <span className="muted"> · {t('chat.edited')}</span>}
        {message.pinned && !deleted && (
          <>
            {' '}
            <span className="badge pinned">{t('chat.pinnedMarker')}</span>
          </>
        )}
        {mentioned && (
          <>
            {' '}
            <span className="badge mention">{t('chat.mentionsYou')}</span>
          </>
        )}
      </p>
      {message.replyToId && !deleted && <ReplyReference replied={replied} nameOf={nameOf} />}
      {deleted ? (
        <p className="message-body muted">{t('chat.deleted')}</p>
      ) : mode === 'edit' ? (
        <MessageEditor initial={message.body} onSave={(body) => onEdit(message.id, body)} onClose={close} />
      ) : (
        <MessageBody body={message.body} />
      )}
      {!deleted && mode === 'view' && (
        <div className="message-actions" ref={actions}>
          <button type="button" className="link" aria-label={t('chat.replyTo', { person: author })} onClick={() => onReply(message)}>
            {t('chat.reply')}
          </button>
          {own && (
            <button type="button" className="link" aria-label={t('chat.editOwn')} onClick={() => setMode('edit')}>
              {t('chat.edit')}
            </button>
          )}
          {(own || canModerate) && (
            <button
              type="button"
              className="link"
              aria-label={own ? t('chat.deleteOwn') : t('chat.deleteOf', { person: author })}
              onClick={() => setMode('delete')}
            >
              {t('chat.delete')}
            </button>
          )}
          {canPin && (
            <button
              type="button"
              className="link"
              aria-label={t(message.pinned ? 'chat.unpinOf' : 'chat.pinOf', { person: author })}
              onClick={() => void onPin(message.id, !message.pinned)}
            >
              {message.pinned ? t('chat.unpin') : t('chat.pin')}
            </button>
          )}
          {canModerate && !own && (
            <button type="button" className="link" aria-label={t('chat.muteOf', { person: author })} onClick={() => setMode('mute')}>
              {t('chat.mute')}
            </button>
          )}
        </div>
      )}
      {!deleted && mode === 'delete' && (
        <div className="message-confirm" role="group" aria-label={t('chat.deleteConfirm')}>
          <span>{t('chat.deleteConfirm')}</span>
          {/* The question was just asked from the Delete button: the answer is where the keyboard is. */}
          <button type="button" className="danger" autoFocus onClick={() => void confirmDelete()}>
            {t('chat.delete')}
          </button>
          <button type="button" onClick={close}>
            {t('chat.keep')}
          </button>
        </div>
      )}
      {!deleted && mode === 'mute' && <MuteForm person={author} onMute={(minutes) => onMute(message.authorId, minutes)} onClose={close} onError={setError} />}
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
    </li>
  );
}

function PendingItem({
  item,
  author,
  replied,
  nameOf,
  onRetry,
  onDiscard,
}: {
  item: PendingMessage;
  author: string;
  replied: ChatMessage | null;
  nameOf(userId: string): string;
  onRetry(clientMessageId: string): void;
  onDiscard(clientMessageId: string): void;
}) {
  const { t } = useLanguage();
  const failed = item.failure !== null;
  return (
    <li className={failed ? 'message own failed' : 'message own pending'}>
      <p className="message-meta">
        <span className="message-author">{author}</span> <span className="message-state">{failed ? t('chat.notSent') : t('chat.sending')}</span>
      </p>
      {item.replyToId && <ReplyReference replied={replied} nameOf={nameOf} />}
      <p className="message-body">{item.body}</p>
      {failed && (
        <div className="message-actions">
          <button type="button" className="link" onClick={() => onRetry(item.clientMessageId)}>
            {t('chat.retry')}
          </button>
          <button type="button" className="link" onClick={() => onDiscard(item.clientMessageId)}>
            {t('chat.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

function MessageEditor({ initial, onSave, onClose }: { initial: string; onSave(body: string): Promise<boolean>; onClose(): void }) {
  const { t, locale } = useLanguage();
  const errorId = useId();
  const [body, setBody] = useState(initial);
  const [saving, setSaving] = useState(false);
  const tooLong = isTooLong(body);
  const max = new Intl.NumberFormat(locale).format(messageMaxLength);

  const save = async () => {
    if (tooLong || body.trim() === '' || saving) return;
    if (body === initial) return onClose();
    setSaving(true);
    const saved = await onSave(body);
    setSaving(false);
    if (saved) onClose();
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <form
      className="message-editor"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void save();
      }}
    >
      <TextAreaField
        label={t('chat.editLabel')}
        value={body}
        rows={2}
        // The editor opens from the Edit button: typing continues where the keyboard is.
        autoFocus
        invalid={tooLong}
        errorId={errorId}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={keyDown}
      />
      <ErrorAlert id={errorId} message={tooLong ? t('chat.tooLong', { max }) : null} />
      <div className="actions compact">
        <button type="submit" className="primary" disabled={saving}>
          {t('chat.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('chat.cancel')}
        </button>
      </div>
    </form>
  );
}

function MuteForm({
  person,
  onMute,
  onClose,
  onError,
}: {
  person: string;
  onMute(minutes: MuteDuration): Promise<void>;
  onClose(): void;
  onError(error: unknown): void;
}) {
  const { t } = useLanguage();
  const [minutes, setMinutes] = useState<MuteDuration>(muteDurations[0]);
  const [muting, setMuting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMuting(true);
    onError(null);
    try {
      await onMute(minutes);
      onClose();
    } catch (failure) {
      onError(failure);
    } finally {
      setMuting(false);
    }
  };

  return (
    <form className="inline-form message-confirm" onSubmit={(event) => void submit(event)}>
      <SelectField
        label={t('chat.muteFor', { person })}
        value={String(minutes)}
        // The form opens from the Mute button: the choice is where the keyboard is.
        autoFocus
        onChange={(event) => setMinutes(Number(event.target.value) as MuteDuration)}
      >
        {muteDurations.map((duration) => (
          <option key={duration} value={duration}>
            {t(`chat.duration.${duration}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="danger" disabled={muting}>
        {t('chat.mute')}
      </button>
      <button type="button" onClick={onClose}>
        {t('chat.cancel')}
      </button>
    </form>
  );
}
