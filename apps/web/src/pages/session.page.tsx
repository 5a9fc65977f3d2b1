import { useQuery } from '@tanstack/react-query';
import {
  type ScheduleChange,
  type Summit,
  type SummitMember,
  type SummitSession,
  type User,
} from '../api';
import { ChatPanel } from '../chat/chat-panel';
import { ErrorAlert } from '../components/form';
import { Page } from '../components/page';
import { SessionStatusBadge } from '../components/status-badge';
import { formatDateTime, formatSpan } from '../format';
import { errorMessage, labelOf } from '../i18n';
import { useLanguage } from '../language.context';
import { membersQuery, participantsQuery, sessionHistoryQuery, sessionQuery, summitQuery } from '../queries';
import { getRouteApi } from '@tanstack/react-router';
import { Link } from '../components/app-link';
import { useSignedInUser } from '../auth.context';
import { SpeakersListPanel } from './session/speakers-list-panel';

export function SessionPage({ sessionId, user }: { sessionId: string; user: User }) {
  const { t } = useLanguage();
  const session = useQuery(sessionQuery(sessionId));
  // The summit's parts are asked for once the session has said which summit it belongs to.
  const summitId = session.data?.summitId ?? '';
  const summit = useQuery({ ...summitQuery(summitId), enabled: summitId !== '' });
  const participants = useQuery({ ...participantsQuery(summitId), enabled: summitId !== '' });
  const members = useQuery({ ...membersQuery(summitId), enabled: summitId !== '' });
  const history = useQuery(sessionHistoryQuery(sessionId));

  if (!session.data) {
    return (
      <Page title={t('session.heading')}>
        <ErrorAlert message={session.error ? errorMessage(t, session.error) : null} />
        {!session.error && <p>{t('app.loading')}</p>}
        <p>
          <Link to="/summits">{t('summit.backToSummits')}</Link>
        </p>
      </Page>
    );
  }

  const organisationName = (id: string) => participants.data?.find((participant) => participant.organisationId === id)?.name;
  const memberName = (id: string) => (id === user.id ? user.displayName : members.data?.find((member) => member.userId === id)?.displayName);

  return (
    <Page title={session.data.title}>
      <div className="with-chat">
        <div className="with-chat-main">
          <p>
            <Link to="/summits/$summitId/agenda" params={{ summitId: session.data.summitId }}>
              {summit.data ? t('session.backToAgendaOf', { summit: summit.data.title }) : t('session.backToAgenda')}
            </Link>
          </p>
          <SessionDetails
            session={session.data}
            summit={summit.data ?? null}
            user={user}
            members={members.data ?? []}
            organisationName={organisationName}
          />
          <SpeakersListPanel
            sessionId={sessionId}
            summitId={session.data.summitId}
            user={user}
            canRun={summit.data?.canEdit ?? false}
            participants={(participants.data ?? []).filter((participant) => participant.status === 'confirmed' || participant.status === 'invited' || participant.status === 'observer')}
            organisationName={organisationName}
          />
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('history.title')}</h2>
            <ErrorAlert message={history.error ? errorMessage(t, history.error) : null} />
            {history.data?.length === 0 && <p>{t('history.none')}</p>}
            {history.data && history.data.length > 0 && (
              <ol className="rows" aria-labelledby="history-title">
                {history.data.map((change, index) => (
                  <HistoryEntry key={`${change.createdAt}-${change.kind}-${index}`} change={change} user={user} changedBy={memberName(change.changedById)} />
                ))}
              </ol>
            )}
          </section>
        </div>
        <div className="with-chat-aside">
          <ChatPanel compact summitId={session.data.summitId} sessionId={sessionId} user={user} canModerate={summit.data?.canEdit ?? false} />
        </div>
      </div>
    </Page>
  );
}

interface SessionDetailsProps {
  session: SummitSession;
  summit: Summit | null;
  user: User;
  members: SummitMember[];
  organisationName(id: string): string | undefined;
}

function SessionDetails({ session, summit, user, members, organisationName }: SessionDetailsProps) {
  const { t, locale } = useLanguage();
  const chairs = session.chairIds.map((id) => members.find((member) => member.userId === id)?.displayName).filter(Boolean);
  const invited = session.organisationIds.map(organisationName).filter(Boolean);
  return (
    <section aria-labelledby="session-details">
      <h2 id="session-details">{t('session.details')}</h2>
      <dl className="details">
        <div>
          <dt>{t('session.kind')}</dt>
          <dd>{labelOf(t, 'sessionKind', session.kind)}</dd>
        </div>
        <div>
          <dt>{t('session.status')}</dt>
          <dd>
            <SessionStatusBadge status={session.status} />
          </dd>
        </div>
        <div>
          <dt>{t('session.when')}</dt>
          <dd>
            {formatSpan(session.startsAt, session.endsAt, locale, user.timeZone)}{' '}
            <span className="muted">({t('summit.yourZone', { zone: user.timeZone })})</span>
            {summit && summit.timeZone !== user.timeZone && (
              <>
                <br />
                {formatSpan(session.startsAt, session.endsAt, locale, summit.timeZone)} <span className="muted">({summit.timeZone})</span>
              </>
            )}
          </dd>
        </div>
        {session.room && (
          <div>
            <dt>{t('session.room')}</dt>
            <dd>{session.room}</dd>
          </div>
        )}
        <div>
          <dt>{t('session.organisations')}</dt>
          <dd>{session.organisationIds.length === 0 ? t('session.everyParticipant') : invited.join(', ')}</dd>
        </div>
        {chairs.length > 0 && (
          <div>
            <dt>{t('session.chairs')}</dt>
            <dd>{chairs.join(', ')}</dd>
          </div>
        )}
        {session.description && (
          <div>
            <dt>{t('session.description')}</dt>
            <dd className="prose">{session.description}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function HistoryEntry({ change, user, changedBy }: { change: ScheduleChange; user: User; changedBy: string | undefined }) {
  const { t, locale } = useLanguage();
  const moved = change.fromStartsAt !== change.toStartsAt || change.fromEndsAt !== change.toEndsAt;
  return (
    <li className="row history-entry">
      <div className="row-main">
        <span className="organisation">{labelOf(t, 'scheduleChange', change.kind)}</span>{' '}
        <span className="muted">{formatDateTime(change.createdAt, locale, user.timeZone)}</span>
        {changedBy && <span className="muted"> · {t('history.by', { person: changedBy })}</span>}
        <div>
          {moved
            ? t('history.moved', {
                from: formatSpan(change.fromStartsAt, change.fromEndsAt, locale, user.timeZone),
                to: formatSpan(change.toStartsAt, change.toEndsAt, locale, user.timeZone),
              })
            : t('history.at', { time: formatSpan(change.toStartsAt, change.toEndsAt, locale, user.timeZone) })}
        </div>
        <div>{t('history.reason', { reason: change.reason })}</div>
      </div>
    </li>
  );
}

const route = getRouteApi('/signed-in/sessions/$sessionId');

/** The route's screen: a fresh page for each session. */
export function SessionScreen() {
  const { sessionId } = route.useParams();
  const user = useSignedInUser();
  return <SessionPage key={sessionId} sessionId={sessionId} user={user} />;
}
