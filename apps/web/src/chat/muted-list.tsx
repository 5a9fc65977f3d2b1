import { useRef, useState } from 'react';
import type { ChatMuteView, User } from '../api';
import { ErrorAlert } from '../components/form';
import { formatDateTime } from '../format';
import { errorMessage } from '../i18n';
import { useLanguage } from '../language.context';

interface MutedListProps {
  /** The mutes in force; null while they load. */
  mutes: ChatMuteView[] | null;
  /** Why the mutes could not be read. */
  error: unknown;
  user: User;
  nameOf(userId: string): string;
  /** Reads the mutes again, as another member of the host side may have changed them. */
  onOpen(): void;
  onUnmute(userId: string): Promise<void>;
}

/** For the host side: who cannot post in the summit's chat, until when, and a way to let them post again. */
export function MutedList({ mutes, error, user, nameOf, onOpen, onUnmute }: MutedListProps) {
  const { t, locale } = useLanguage();
  const summary = useRef<HTMLElement>(null);
  const [unmuting, setUnmuting] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const unmute = async (userId: string) => {
    setUnmuting(userId);
    setFailure(null);
    try {
      await onUnmute(userId);
      // The button is gone with the mute: the keyboard goes back to the list's title.
      summary.current?.focus();
    } catch (problem) {
      setFailure(problem);
    } finally {
      setUnmuting(null);
    }
  };

  const shown = failure ?? error;
  return (
    <details
      className="chat-muted"
      onToggle={(event) => {
        if (event.currentTarget.open) onOpen();
      }}
    >
      <summary ref={summary}>{t('chat.mutedList')}</summary>
      <ErrorAlert message={shown ? errorMessage(t, shown) : null} />
      {mutes && mutes.length === 0 && <p>{t('chat.mutedNobody')}</p>}
      {mutes && mutes.length > 0 && (
        <ul>
          {mutes.map((mute) => {
            const person = nameOf(mute.userId);
            return (
              <li key={mute.userId}>
                <span className="chat-muted-person">{person}</span>{' '}
                {mute.until ? (
                  t('chat.mutedUntil', { time: formatDateTime(mute.until, locale, user.timeZone) })
                ) : (
                  t('chat.mutedUntilLifted')
                )}{' '}
                <button
                  type="button"
                  className="link"
                  aria-label={t('chat.unmuteOf', { person })}
                  disabled={unmuting === mute.userId}
                  onClick={() => void unmute(mute.userId)}
                >
                  {t('chat.unmute')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
