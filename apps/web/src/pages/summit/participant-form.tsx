import { useId, useRef, useState, type FormEvent } from 'react';
import { addParticipant, type Organisation, type Participant, type ParticipationStatus } from '../../api';
import { DialogFormActions } from '../../components/dialog';
import { ErrorAlert, OrganisationSelect, SelectField, StatusMessage, TimeZoneField } from '../../components/form';
import { isTimeZone } from '../../format';
import { errorMessage, labelOf, Notice, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';
import { participationStatuses } from './participant-list';

type ParticipantField = 'organisationId' | 'timeZone';

interface ParticipantFormProps {
  summitId: string;
  organisations: Organisation[];
  participants: Participant[];
  onAdded(): Promise<void>;
  /** Puts the form's dialog away. */
  onClose(): void;
}

/** The "Add a participant" dialog's form; it stays open after an addition, for the next one. */
export function ParticipantForm({ summitId, organisations, participants, onAdded, onClose }: ParticipantFormProps) {
  const { t } = useLanguage();
  const errorId = useId();
  const inputs = { organisationId: useRef<HTMLSelectElement>(null), timeZone: useRef<HTMLInputElement>(null) };
  const [organisationId, setOrganisationId] = useState('');
  const [status, setStatus] = useState<ParticipationStatus>('invited');
  const [timeZone, setTimeZone] = useState('');
  const [error, setError] = useState<{ problem: unknown; field?: ParticipantField } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const taking = new Set(participants.map((participant) => participant.organisationId));
  const candidates = organisations.filter((organisation) => !taking.has(organisation.id));

  const reject = (field: ParticipantField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    inputs[field].current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    if (!organisationId) return reject('organisationId', 'validation.organisation');
    if (!isTimeZone(timeZone.trim())) return reject('timeZone', 'validation.timeZone');
    setError(null);
    setSubmitting(true);
    try {
      const added = await addParticipant(summitId, { organisationId, status, timeZone: timeZone.trim() });
      await onAdded();
      setOrganisationId('');
      setStatus('invited');
      setTimeZone('');
      setDone(t('participantForm.added', { organisation: added.name }));
    } catch (failure) {
      setError({ problem: failure });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
      <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
      <OrganisationSelect
        ref={inputs.organisationId}
        label={t('participantForm.organisation')}
        organisations={candidates}
        emptyHint={t('participantForm.noneLeft')}
        name="organisationId"
        value={organisationId}
        onChange={(event) => setOrganisationId(event.target.value)}
        invalid={error?.field === 'organisationId'}
        errorId={errorId}
      />
      <SelectField
        label={t('participantForm.status')}
        name="status"
        value={status}
        onChange={(event) => setStatus(participationStatuses.find((option) => option === event.target.value) ?? status)}
      >
        {participationStatuses.map((option) => (
          <option key={option} value={option}>
            {labelOf(t, 'participationStatus', option)}
          </option>
        ))}
      </SelectField>
      <TimeZoneField
        ref={inputs.timeZone}
        label={t('participantForm.timeZone')}
        hint={t('participantForm.timeZoneHint')}
        name="timeZone"
        required
        value={timeZone}
        onChange={(event) => setTimeZone(event.target.value)}
        invalid={error?.field === 'timeZone'}
        errorId={errorId}
      />
      <DialogFormActions submitLabel={t('participantForm.submit')} submitting={submitting} closeLabel={t('dialog.close')} onClose={onClose} />
      <StatusMessage message={done} />
    </form>
  );
}
