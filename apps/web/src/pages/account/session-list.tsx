import { useCallback, useEffect, useRef, useState } from 'react';
import { listSessions, revokeSession, type Session, type User } from '../../api';
import { useAuth } from '../../auth.context';
import { ErrorAlert, StatusMessage } from '../../components/form';
import { describeUserAgent, formatDateTime } from '../../format';
import { errorMessage, type MessageKey, type Translate } from '../../i18n';
import { useLanguage } from '../../language.context';

/** This device first, then the most recently used. */
function byRelevance(a: Session, b: Session): number {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return (b.lastUsedAt ?? b.createdAt).localeCompare(a.lastUsedAt ?? a.createdAt);
}

function deviceName(t: Translate, userAgent: string | null): string {
  if (!userAgent) return t('sessions.unknownDevice');
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return t('sessions.deviceOn', { browser, os });
  return browser ?? os ?? userAgent;
}

export function SessionList({ user, version }: { user: User; version: number }) {
  const { t, locale } = useLanguage();
  const { signOut } = useAuth();
  const heading = useRef<HTMLHeadingElement>(null);
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSessions((await listSessions()).sort(byRelevance));
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, version]);

  const revoke = async (session: Session) => {
    setError(null);
    setStatus(null);
    setPendingId(session.id);
    try {
      await revokeSession(session.id);
      setStatus('sessions.revoked');
      await load();
      heading.current?.focus();
    } catch (failure) {
      setError(failure);
    } finally {
      setPendingId(null);
    }
  };

  const signOutHere = async (session: Session) => {
    setError(null);
    setPendingId(session.id);
    try {
      await signOut();
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
      <StatusMessage message={status && t(status)} />
    </section>
  );
}
