import { ApiError, type Conflict } from '../../api';
import type { Translate } from '../../i18n';
import { useLanguage } from '../../language.context';

/** The conflicts of a write the server refused with 409 SCHEDULE_CONFLICT, or null for any other failure. */
export function scheduleConflicts(error: unknown): Conflict[] | null {
  if (!(error instanceof ApiError) || error.code !== 'SCHEDULE_CONFLICT') return null;
  const details = Array.isArray(error.details) ? error.details : [];
  return details.filter(
    (detail): detail is Conflict => typeof detail === 'object' && detail !== null && typeof (detail as Conflict).type === 'string',
  );
}

/** Names the sessions and delegations a conflict mentions, as far as this screen knows them. */
export interface ScheduleNames {
  sessionTitle(id: string): string | undefined;
  organisationName(id: string): string | undefined;
}

/**
 * A conflict in the reader's language. The server's own message is the
 * fallback for a conflict whose session this screen cannot name, or a kind of
 * conflict this client does not know yet.
 */
function describeConflict(t: Translate, conflict: Conflict, names: ScheduleNames): string {
  const session = conflict.sessionId ? names.sessionTitle(conflict.sessionId) : undefined;
  switch (conflict.type) {
    case 'outside_summit':
      return t('conflicts.outside_summit');
    case 'room_overlap':
      return session ? t('conflicts.room_overlap', { session }) : conflict.message;
    case 'chair_double_booked':
      return session ? t('conflicts.chair_double_booked', { session }) : conflict.message;
    case 'delegation_double_booked': {
      const delegations = (conflict.organisationIds ?? []).map((id) => names.organisationName(id)).filter(Boolean);
      if (!session || delegations.length === 0) return conflict.message;
      return t('conflicts.delegation_double_booked', { session, delegations: delegations.join(', ') });
    }
    default:
      return conflict.message;
  }
}

interface ConflictAlertProps {
  id?: string;
  conflicts: Conflict[];
  names: ScheduleNames;
  saving: boolean;
  onSaveAnyway(): void;
}

/** The conflicts that stopped a change, and the way to keep it regardless. */
export function ConflictAlert({ id, conflicts, names, saving, onSaveAnyway }: ConflictAlertProps) {
  const { t } = useLanguage();
  return (
    <div className="alert" role="alert" id={id}>
      <p className="alert-title">{t('conflicts.intro')}</p>
      <ul>
        {conflicts.map((conflict, index) => (
          <li key={`${conflict.type}-${conflict.sessionId ?? ''}-${index}`}>{describeConflict(t, conflict, names)}</li>
        ))}
      </ul>
      <p>{t('conflicts.advice')}</p>
      <button type="button" disabled={saving} onClick={onSaveAnyway}>
        {t('conflicts.saveAnyway')}
      </button>
    </div>
  );
}

/** How a successful write that overrode conflicts reports them. */
export function warningsNote(t: Translate, warnings: Conflict[]): string {
  return warnings.length > 0 ? ` ${t('conflicts.accepted', { count: warnings.length })}` : '';
}
