import type { ReactNode } from 'react';
import type { AgendaSession, ScheduleAction } from '../../api';
import { SessionStatusBadge } from '../../components/status-badge';
import { formatLocalSpan } from '../../format';
import { labelOf } from '../../i18n';
import { useLanguage } from '../../language.context';
import { Link } from '../../components/app-link';
import { scheduleActions } from './schedule-action-form';

interface AgendaItemProps {
  session: AgendaSession;
  canEdit: boolean;
  /** The schedule action whose form is open under this session, if any. */
  openAction: ScheduleAction | null;
  onToggleAction(action: ScheduleAction): void;
  children?: ReactNode;
}

export function sessionHeadingId(sessionId: string): string {
  return `agenda-session-${sessionId}`;
}

export function AgendaItem({ session, canEdit, openAction, onToggleAction, children }: AgendaItemProps) {
  const { t, locale } = useLanguage();
  const cancelled = session.status === 'cancelled';
  const formId = `agenda-action-${session.id}`;
  return (
    <li className={`agenda-item ${session.status}`}>
      <p className="agenda-time">
        <time dateTime={session.startsAt}>{formatLocalSpan(session.localStart, session.localEnd, locale)}</time>
      </p>
      <div className="agenda-body">
        <h3 className="agenda-title" id={sessionHeadingId(session.id)} tabIndex={-1}>
          <Link to="/sessions/$sessionId" params={{ sessionId: session.id }}>{cancelled ? <s>{session.title}</s> : session.title}</Link>
        </h3>
        <p className="agenda-meta">
          <span>{labelOf(t, 'sessionKind', session.kind)}</span>
          {session.room && <span>{t('agenda.room', { room: session.room })}</span>}
          {session.status !== 'scheduled' && <SessionStatusBadge status={session.status} />}
        </p>
        {canEdit && (
          <div className="actions compact" role="group" aria-label={t('agenda.actionsFor', { session: session.title })}>
            {scheduleActions(session).map((action) => (
              <button
                key={action}
                type="button"
                aria-expanded={openAction === action}
                aria-controls={openAction === action ? formId : undefined}
                onClick={() => onToggleAction(action)}
              >
                {t(`scheduleAction.${action}.open`)}
              </button>
            ))}
          </div>
        )}
        {openAction && <div id={formId}>{children}</div>}
      </div>
    </li>
  );
}
