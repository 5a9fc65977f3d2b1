import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { changeSchedule, type AgendaSession, type Conflict, type ScheduleAction, type ScheduleChangeRequest, type SessionWrite } from '../../api';
import { DateTimeRangeFields, ErrorAlert, TextAreaField } from '../../components/form';
import { zonedToInstant } from '../../format';
import { errorMessage, Notice, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';
import { ConflictAlert, scheduleConflicts, type ScheduleNames } from './conflict-alert';

/** What the host side may do to a session in each status. */
export function scheduleActions(session: AgendaSession): ScheduleAction[] {
  switch (session.status) {
    case 'scheduled':
      return ['reschedule', 'postpone', 'cancel'];
    case 'postponed':
      return ['reschedule', 'cancel', 'reinstate'];
    case 'cancelled':
      return ['reinstate'];
    default:
      return [];
  }
}

type ActionField = 'startsAt' | 'endsAt' | 'reason';

interface ScheduleActionFormProps {
  session: AgendaSession;
  action: ScheduleAction;
  /** The zone the agenda is displayed in: the times typed here are read in it. */
  timeZone: string;
  names: ScheduleNames;
  onDone(write: SessionWrite): void;
  onClose(): void;
}

/** Moves, postpones, cancels or reinstates one session, with the reason the people concerned are told. */
export function ScheduleActionForm({ session, action, timeZone, names, onDone, onClose }: ScheduleActionFormProps) {
  const { t } = useLanguage();
  const errorId = useId();
  const withTimes = action === 'reschedule' || action === 'reinstate';
  const inputs = { startsAt: useRef<HTMLInputElement>(null), endsAt: useRef<HTMLInputElement>(null), reason: useRef<HTMLTextAreaElement>(null) };
  const [startsAt, setStartsAt] = useState(session.localStart);
  const [endsAt, setEndsAt] = useState(session.localEnd);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ problem: unknown; field?: ActionField } | null>(null);
  const [refused, setRefused] = useState<{ change: ScheduleChangeRequest; conflicts: Conflict[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Focus moves into the form once, when it opens.
  useEffect(() => {
    (withTimes ? inputs.startsAt : inputs.reason).current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening: later renders must not take the focus back
  }, []);

  const reject = (field: ActionField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    inputs[field].current?.focus();
  };

  const save = async (change: ScheduleChangeRequest) => {
    setError(null);
    setSubmitting(true);
    try {
      onDone(await changeSchedule(session.id, action, change));
    } catch (failure) {
      const conflicts = scheduleConflicts(failure);
      if (conflicts) setRefused({ change, conflicts });
      else setError({ problem: failure });
      setSubmitting(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRefused(null);
    const change: ScheduleChangeRequest = { reason: reason.trim() };
    if (withTimes) {
      const start = zonedToInstant(startsAt, timeZone);
      if (!start) return reject('startsAt', 'validation.startsAt');
      const end = zonedToInstant(endsAt, timeZone);
      if (!end) return reject('endsAt', 'validation.endsAt');
      if (end <= start) return reject('endsAt', 'validation.endsAfterStart');
      change.startsAt = start;
      change.endsAt = end;
    }
    if (!change.reason) return reject('reason', 'validation.reason');
    void save(change);
  };

  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setRefused(null);
    };

  return (
    <form className="action-form" onSubmit={submit} noValidate aria-label={t(`scheduleAction.${action}.form`, { session: session.title })}>
      <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
      {refused && (
        <ConflictAlert
          id={errorId}
          conflicts={refused.conflicts}
          names={names}
          saving={submitting}
          onSaveAnyway={() => void save({ ...refused.change, override: true })}
        />
      )}
      {withTimes && (
        <DateTimeRangeFields
          start={{ ref: inputs.startsAt, label: t('scheduleAction.startsAt'), name: 'startsAt', value: startsAt, onChange: changed(setStartsAt) }}
          end={{ ref: inputs.endsAt, label: t('scheduleAction.endsAt'), name: 'endsAt', value: endsAt, onChange: changed(setEndsAt) }}
          hint={t('form.inZone', { zone: timeZone })}
          invalidField={error?.field}
          errorId={errorId}
        />
      )}
      <TextAreaField
        ref={inputs.reason}
        label={t('scheduleAction.reason')}
        hint={t('scheduleAction.reasonHint')}
        required
        maxLength={500}
        value={reason}
        onChange={(event) => changed(setReason)(event.target.value)}
        invalid={error?.field === 'reason'}
        errorId={errorId}
      />
      <div className="actions">
        <button type="submit" className={action === 'cancel' ? 'danger' : 'primary'} disabled={submitting}>
          {t(`scheduleAction.${action}.submit`)}
        </button>
        <button type="button" onClick={onClose}>
          {t('scheduleAction.close')}
        </button>
      </div>
    </form>
  );
}
