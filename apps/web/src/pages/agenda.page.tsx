import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import {
  type Agenda,
  type AgendaSession,
  type AgendaZone,
  type ScheduleAction,
  type SessionWrite,
  type User,
} from '../api';
import { ChatPanel } from '../chat/chat-panel';
import { ErrorAlert, StatusMessage } from '../components/form';
import { Page } from '../components/page';
import { datesBetween, formatDate, instantToZoned } from '../format';
import { errorMessage } from '../i18n';
import { useLanguage } from '../language.context';
import { useLiveSummit } from '../live';
import { agendaQuery, membersQuery, participantsQuery, queryKeys, summitQuery } from '../queries';
import { useRemembered } from '../remembered';
import { getRouteApi } from '@tanstack/react-router';
import { Link } from '../components/app-link';
import { useSignedInUser } from '../auth.context';
import { AgendaItem, sessionHeadingId } from './agenda/agenda-item';
import { AgendaExport } from './agenda/agenda-export';
import { CalendarSubscription } from './agenda/calendar-subscription';
import { agendaZoneKey, isAgendaZone } from './agenda/remembered-zone';
import { warningsNote, type ScheduleNames } from './agenda/conflict-alert';
import { ScheduleActionForm } from './agenda/schedule-action-form';
import { SessionForm } from './agenda/session-form';
import { ZoneSwitch } from './agenda/zone-switch';

type AgendaView = 'day' | 'list';

const isAgendaView = (value: string): value is AgendaView => value === 'day' || value === 'list';

export function AgendaPage({ summitId, user }: { summitId: string; user: User }) {
  const { t, locale } = useLanguage();
  // The view and zone chosen last, on this browser.
  const [zone, setZone] = useRemembered<AgendaZone>(agendaZoneKey, 'summit', isAgendaZone);
  const [view, setView] = useRemembered<AgendaView>('plenary.agenda.view', 'day', isAgendaView);
  const [chosenDate, setChosenDate] = useState<string | null>(null);
  const [openAction, setOpenAction] = useState<{ sessionId: string; action: ScheduleAction } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const summit = useQuery(summitQuery(summitId));
  const agenda = useQuery(agendaQuery(summitId, zone));
  // Every zone's agenda, so that switching zones after a change shows the change too.
  const agendaChanged = () => queryClient.invalidateQueries({ queryKey: queryKeys.agenda(summitId) });
  // Changes made by others appear without reloading the page.
  // Reading again after the summit is taken away shows why: the server answers that it is not there for this reader.
  useLiveSummit(summitId, { onAgendaChanged: () => void agendaChanged(), onSummitRemoved: () => void queryClient.invalidateQueries({ queryKey: queryKeys.summit(summitId) }) });
  const canEdit = summit.data?.canEdit ?? false;
  // Naming conflicts and inviting delegations is for the host side; participants need not load these.
  const participants = useQuery({ ...participantsQuery(summitId), enabled: canEdit });
  const members = useQuery({ ...membersQuery(summitId), enabled: canEdit });

  const days = useMemo(() => agendaDays(agenda.data ?? null, summit.data?.startsAt, summit.data?.endsAt), [agenda.data, summit.data]);
  const date = chosenDate && days.some((day) => day.date === chosenDate) ? chosenDate : openingDay(days, agenda.data?.timeZone);
  const dayIndex = days.findIndex((day) => day.date === date);

  const names: ScheduleNames = {
    sessionTitle: (id) => agenda.data?.days.flatMap((day) => day.sessions).find((session) => session.id === id)?.title,
    organisationName: (id) => participants.data?.find((participant) => participant.organisationId === id)?.name,
  };

  const title = summit.data ? t('agenda.title', { summit: summit.data.title }) : t('agenda.heading');

  const scheduled = async (write: SessionWrite, action: ScheduleAction) => {
    setOpenAction(null);
    setDone(t(`scheduleAction.${action}.done`, { session: write.session.title }) + warningsNote(t, write.warnings));
    await agendaChanged();
    // Back to the session that changed, or to the agenda when it moved to a day not on screen.
    (document.getElementById(sessionHeadingId(write.session.id)) ?? document.querySelector<HTMLElement>('.day-title'))?.focus();
  };

  const renderSession = (session: AgendaSession) => {
    const open = openAction?.sessionId === session.id ? openAction.action : null;
    return (
      <AgendaItem
        key={session.id}
        session={session}
        canEdit={canEdit}
        openAction={open}
        onToggleAction={(action) => {
          setDone(null);
          setOpenAction(open === action ? null : { sessionId: session.id, action });
        }}
      >
        {open && agenda.data && (
          <ScheduleActionForm
            key={open}
            session={session}
            action={open}
            timeZone={agenda.data.timeZone}
            names={names}
            onDone={(write) => void scheduled(write, open)}
            onClose={() => setOpenAction(null)}
          />
        )}
      </AgendaItem>
    );
  };

  return (
    <Page title={title}>
      <div className="with-chat">
        <div className="with-chat-main">
          <p className="no-print">
            <Link to="/summits/$summitId" params={{ summitId }}>{t('agenda.backToSummit')}</Link>
          </p>
          <ErrorAlert message={summit.error ? errorMessage(t, summit.error) : null} />
          {summit.data && (
            <section aria-labelledby="agenda-display-title" className="card no-print">
              <h2 id="agenda-display-title" className="card-title">
                {t('agenda.display')}
              </h2>
              <ZoneSwitch zone={zone} summitTimeZone={summit.data.timeZone} viewerTimeZone={user.timeZone} onChange={setZone} />
              <div className="view-switch" role="group" aria-label={t('agenda.view')}>
                <button type="button" aria-pressed={view === 'day'} onClick={() => setView('day')}>
                  {t('agenda.dayView')}
                </button>
                <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>
                  {t('agenda.listView')}
                </button>
              </div>
              <AgendaExport summitId={summitId} zone={zone} summitTitle={summit.data.title} />
            </section>
          )}

          <section aria-label={t('agenda.sessions')}>
            <ErrorAlert message={agenda.error ? errorMessage(t, agenda.error) : null} />
            {agenda.data && (
              <p role="status" className="zone-note">
                {t('agenda.timesIn', { zone: agenda.data.timeZone })}
              </p>
            )}
            {!agenda.data && !agenda.error && <p>{t('app.loading')}</p>}
            {agenda.data && days.length === 0 && <p>{t('agenda.empty')}</p>}
            {agenda.data && view === 'day' && date && (
              <div className="day">
                <div className="day-navigation">
                  <button type="button" disabled={dayIndex <= 0} onClick={() => setChosenDate(days[dayIndex - 1].date)}>
                    <span aria-hidden="true">← </span>
                    {t('agenda.previousDay')}
                  </button>
                  <h2 id="agenda-day-title" aria-live="polite" className="day-title" tabIndex={-1}>
                    {formatDate(date, locale)}
                  </h2>
                  <button type="button" disabled={dayIndex >= days.length - 1} onClick={() => setChosenDate(days[dayIndex + 1].date)}>
                    {t('agenda.nextDay')}
                    <span aria-hidden="true"> →</span>
                  </button>
                </div>
                <SessionList labelledBy="agenda-day-title" sessions={days[dayIndex].sessions} render={renderSession} />
              </div>
            )}
            {agenda.data &&
              view === 'list' &&
              days.map((day) => (
                <section key={day.date} aria-labelledby={`agenda-day-${day.date}`} className="day">
                  <h2 id={`agenda-day-${day.date}`} className="day-title" tabIndex={-1}>
                    {formatDate(day.date, locale)}
                  </h2>
                  <SessionList labelledBy={`agenda-day-${day.date}`} sessions={day.sessions} render={renderSession} />
                </section>
              ))}
            <StatusMessage message={done} />
          </section>

          {canEdit && agenda.data && participants.data && members.data && (
            <div className="no-print">
              <SessionForm
                summitId={summitId}
                timeZone={agenda.data.timeZone}
                participants={participants.data}
                members={members.data}
                names={names}
                onAdded={agendaChanged}
              />
            </div>
          )}
          <ErrorAlert message={participants.error ? errorMessage(t, participants.error) : null} />
          <div className="no-print">
            <CalendarSubscription summitId={summitId} />
          </div>
        </div>
        {summit.data && (
          <div className="with-chat-aside">
            <ChatPanel compact summitId={summitId} user={user} canModerate={canEdit} />
          </div>
        )}
      </div>
    </Page>
  );
}

interface SessionListProps {
  labelledBy: string;
  sessions: AgendaSession[];
  render(session: AgendaSession): ReactNode;
}

function SessionList({ labelledBy, sessions, render }: SessionListProps) {
  const { t } = useLanguage();
  if (sessions.length === 0) return <p className="muted">{t('agenda.noSessionsThisDay')}</p>;
  return (
    <ol className="agenda" aria-labelledby={labelledBy}>
      {sessions.map(render)}
    </ol>
  );
}

/** The day the day view opens on: today during the summit, else the first day with sessions. */
function openingDay(days: Agenda['days'], timeZone: string | undefined): string | null {
  const today = timeZone ? instantToZoned(new Date().toISOString(), timeZone).slice(0, 10) : null;
  if (today && days.some((day) => day.date === today)) return today;
  return (days.find((day) => day.sessions.length > 0) ?? days[0])?.date ?? null;
}

/**
 * Every day of the summit in the agenda's zone, with the sessions that start
 * on it, plus any day a session was placed on outside the summit's dates.
 */
function agendaDays(agenda: Agenda | null, startsAt: string | undefined, endsAt: string | undefined): Agenda['days'] {
  if (!agenda) return [];
  const byDate = new Map(agenda.days.map((day) => [day.date, day.sessions]));
  const summitDates = startsAt && endsAt ? datesBetween(startsAt, endsAt, agenda.timeZone) : [];
  return [...new Set([...summitDates, ...byDate.keys()])].sort().map((date) => ({ date, sessions: byDate.get(date) ?? [] }));
}

const route = getRouteApi('/signed-in/summits/$summitId/agenda');

/** The route's screen: a fresh page for each summit. */
export function AgendaScreen() {
  const { summitId } = route.useParams();
  const user = useSignedInUser();
  return <AgendaPage key={summitId} summitId={summitId} user={user} />;
}
