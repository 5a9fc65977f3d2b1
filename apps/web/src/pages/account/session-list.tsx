import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { revokeOtherSessions, revokeSession, type Session, type User } from '../../api';
import { useAuth } from '../../auth.context';
import { ErrorAlert, StatusMessage } from '../../components/form';
import { describeUserAgent, formatDateTime } from '../../format';
import { errorMessage, type MessageKey, type Translate } from '../../i18n';
import { useLanguage } from '../../language.context';
import { devicesQuery, queryKeys } from '../../queries';

function deviceName(t: Translate, userAgent: string | null): string {
  if (!userAgent) return t('sessions.unknownDevice');
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return t('sessions.deviceOn', { browser, os });
  return browser ?? os ?? userAgent;
}

export function SessionList({ user }: { user: User }) {
  const { t, locale } = useLanguage();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const devices = useQuery(devicesQuery());
  const sessions = devices.data ?? null;
  const [failure, setError] = useState<unknown>(null);
  const error = failure ?? devices.error;
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);

  /** Ends sessions of other devices, then reads the list again and says so; `pending` marks what is under way. */
  const end = async (pending: string, work: () => Promise<void>, done: MessageKey) => {
    setError(null);
    setStatus(null);
    setPendingId(pending);
    try {
      await work();
      setStatus(done);
      await queryClient.invalidateQueries({ queryKey: queryKeys.devices() });
      heading.current?.focus();
    } catch (failure) {
      setError(failure);
    } finally {
      setPendingId(null);
    }
  };
  const revoke = (session: Session) => end(session.id, () => revokeSession(session.id), 'sessions.revoked');
  // Every session but this one ends; their pages are signed out and their live connections close.
  const revokeOthers = () => end('others', revokeOtherSessions, 'sessions.othersRevoked');

  const signOutHere = async (session: Session) => {
    setError(null);
    setPendingId(session.id);
    try {
      await signOut();
      await navigate({ to: '/login', replace: true });
    } catch (failure) {
      setError(failure);
      setPendingId(null);
    }
  };

  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, user.timeZone) : t('sessions.unknown'));

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title" ref={heading} tabIndex={-1}>
        {t('sessions.title')}
      </h2>
      <p className="muted">{t('sessions.intro')}</p>
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
      {sessions === null && !error && <p>{t('app.loading')}</p>}
      {sessions && (
        <ul className="sessions" aria-labelledby="sessions-title">
          {sessions.map((session) => {
            const device = deviceName(t, session.userAgent);
            return (
              <li key={session.id} className={session.current ? 'session current' : 'session'}>
                <div className="session-device">
                  <span className="device">{device}</span>
                  {session.current && <span className="badge">{t('sessions.thisDevice')}</span>}
                </div>
                <dl className="session-details">
                  <div>
                    <dt>{t('sessions.address')}</dt>
                    <dd>{session.ipAddress ?? t('sessions.unknown')}</dd>
                  </div>
                  <div>
                    <dt>{t('sessions.createdAt')}</dt>
                    <dd>{when(session.createdAt)}</dd>
                  </div>
                  <div>
                    <dt>{t('sessions.lastUsedAt')}</dt>
                    <dd>{when(session.lastUsedAt)}</dd>
                  </div>
                </dl>
                {session.current ? (
                  <button type="button" disabled={pendingId !== null} onClick={() => void signOutHere(session)}>
                    {t('sessions.signOut')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('sessions.revokeNamed', { device })}
                    disabled={pendingId !== null}
                    onClick={() => void revoke(session)}
                  >
                    {t('sessions.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {sessions && sessions.some((session) => !session.current) && (
        <p>
          <button type="button" className="danger" disabled={pendingId !== null} onClick={() => void revokeOthers()}>
            {t('sessions.revokeOthers')}
          </button>
        </p>
      )}
      <StatusMessage message={status && t(status)} />
    </section>
  );
}
