import { useId, useRef, useState, type FormEvent } from 'react';
import { createSession, type Conflict, type NewSession, type Participant, type SessionKind, type SummitMember } from '../../api';
import { CheckboxField, DateTimeRangeFields, ErrorAlert, SelectField, StatusMessage, TextAreaField, TextField } from '../../components/form';
import { zonedToInstant } from '../../format';
import { errorMessage, labelOf, Notice, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';
import { ConflictAlert, scheduleConflicts, warningsNote, type ScheduleNames } from './conflict-alert';

const sessionKinds: SessionKind[] = ['plenary', 'breakout', 'bilateral', 'signing_ceremony', 'press', 'break'];

type SessionField = 'title' | 'startsAt' | 'endsAt' | 'organisationIds';

interface SessionFormProps {
  summitId: string;
  /** The zone the agenda is displayed in: the times typed here are read in it. */
  timeZone: string;
  participants: Participant[];
  members: SummitMember[];
  names: ScheduleNames;
  onAdded(): Promise<void>;
}

export function SessionForm({ summitId, timeZone, participants, members, names, onAdded }: SessionFormProps) {
  const { t } = useLanguage();
  const errorId = useId();
  const inputs = {
    title: useRef<HTMLInputElement>(null),
    startsAt: useRef<HTMLInputElement>(null),
    endsAt: useRef<HTMLInputElement>(null),
    organisationIds: useRef<HTMLFieldSetElement>(null),
  };
  const [kind, setKind] = useState<SessionKind>('plenary');
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [room, setRoom] = useState('');
  const [description, setDescription] = useState('');
  const [organisationIds, setOrganisationIds] = useState<string[]>([]);
  const [chairIds, setChairIds] = useState<string[]>([]);
  const [error, setError] = useState<{ problem: unknown; field?: SessionField } | null>(null);
  // The session the server refused for its conflicts, kept to be sent again as it was checked.
  const [refused, setRefused] = useState<{ session: NewSession; conflicts: Conflict[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const invitable = participants
    .filter((participant) => participant.status !== 'declined' && participant.status !== 'withdrawn')
    .sort((a, b) => a.name.localeCompare(b.name));

  /** Any edit makes the refused session stale: the conflicts shown were those of the session before it. */
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setRefused(null);
    };

  const reject = (field: SessionField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    const input = inputs[field].current;
    if (input instanceof HTMLFieldSetElement) input.querySelector('input')?.focus();
    else input?.focus();
  };

  const save = async (session: NewSession) => {
    setError(null);
    setDone(null);
    setSubmitting(true);
    try {
      const { session: added, warnings } = await createSession(summitId, session);
      setRefused(null);
      setTitle('');
      setStartsAt('');
      setEndsAt('');
      setRoom('');
      setDescription('');
      setOrganisationIds([]);
      setChairIds([]);
      await onAdded();
      setDone(t('sessionForm.added', { title: added.title }) + warningsNote(t, warnings));
      inputs.title.current?.focus();
    } catch (failure) {
      const conflicts = scheduleConflicts(failure);
      if (conflicts) setRefused({ session, conflicts });
      else setError({ problem: failure });
    } finally {
      setSubmitting(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRefused(null);
    if (!title.trim()) return reject('title', 'validation.title');
    const start = zonedToInstant(startsAt, timeZone);
    if (!start) return reject('startsAt', 'validation.startsAt');
    const end = zonedToInstant(endsAt, timeZone);
    if (!end) return reject('endsAt', 'validation.endsAt');
    if (end <= start) return reject('endsAt', 'validation.endsAfterStart');
    if (kind === 'bilateral' && organisationIds.length !== 2) return reject('organisationIds', 'validation.bilateral');
    void save({
      kind,
      title: title.trim(),
      startsAt: start,
      endsAt: end,
      room: room.trim() || undefined,
      description: description.trim() || undefined,
      organisationIds,
      chairIds,
    });
  };

  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((item) => item !== id));

  return (
    <section aria-labelledby="session-form-title">
      <h2 id="session-form-title">{t('sessionForm.title')}</h2>
      <form className="card" onSubmit={submit} noValidate aria-describedby={error || refused ? errorId : undefined}>
        <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
        {refused && (
          <ConflictAlert
            id={errorId}
            conflicts={refused.conflicts}
            names={names}
            saving={submitting}
            onSaveAnyway={() => void save({ ...refused.session, override: true })}
          />
        )}
        <SelectField
          label={t('sessionForm.kind')}
          name="kind"
          value={kind}
          onChange={(event) => edit(setKind)(sessionKinds.find((option) => option === event.target.value) ?? kind)}
        >
          {sessionKinds.map((option) => (
            <option key={option} value={option}>
              {labelOf(t, 'sessionKind', option)}
            </option>
          ))}
        </SelectField>
        <TextField
          ref={inputs.title}
          label={t('sessionForm.sessionTitle')}
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(event) => edit(setTitle)(event.target.value)}
          invalid={error?.field === 'title'}
          errorId={errorId}
        />
        <DateTimeRangeFields
          start={{ ref: inputs.startsAt, label: t('sessionForm.startsAt'), name: 'startsAt', value: startsAt, onChange: edit(setStartsAt) }}
          end={{ ref: inputs.endsAt, label: t('sessionForm.endsAt'), name: 'endsAt', value: endsAt, onChange: edit(setEndsAt) }}
          hint={t('form.inZone', { zone: timeZone })}
          invalidField={error?.field}
          errorId={errorId}
        />
        <TextField
          label={t('sessionForm.room')}
          name="room"
          maxLength={100}
          value={room}
          onChange={(event) => edit(setRoom)(event.target.value)}
        />
        <fieldset
          ref={inputs.organisationIds}
          className="field choices"
          aria-invalid={error?.field === 'organisationIds' || undefined}
          aria-describedby={error?.field === 'organisationIds' ? errorId : undefined}
        >
          <legend>{t('sessionForm.organisations')}</legend>
          <p className="hint">{kind === 'bilateral' ? t('sessionForm.organisationsBilateral') : t('sessionForm.organisationsHint')}</p>
          {invitable.length === 0 && <p className="muted">{t('participants.none')}</p>}
          {invitable.map((participant) => (
            <CheckboxField
              key={participant.organisationId}
              label={participant.name}
              checked={organisationIds.includes(participant.organisationId)}
              onChange={(event) => edit(setOrganisationIds)(toggle(organisationIds, participant.organisationId, event.target.checked))}
            />
          ))}
        </fieldset>
        {members.length > 0 && (
          <fieldset className="field choices">
            <legend>{t('sessionForm.chairs')}</legend>
            <p className="hint">{t('sessionForm.chairsHint')}</p>
            {members.map((member) => (
              <CheckboxField
                key={member.userId}
                label={`${member.displayName} (${labelOf(t, 'summitRole', member.role)})`}
                checked={chairIds.includes(member.userId)}
                onChange={(event) => edit(setChairIds)(toggle(chairIds, member.userId, event.target.checked))}
              />
            ))}
          </fieldset>
        )}
        <TextAreaField
          label={t('sessionForm.description')}
          name="description"
          value={description}
          onChange={(event) => edit(setDescription)(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={submitting}>
            {t('sessionForm.submit')}
          </button>
        </div>
        <StatusMessage message={done} />
      </form>
    </section>
  );
}
