import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { createSummit, type User, type Visibility } from '../../api';
import { DateTimeRangeFields, ErrorAlert, OrganisationSelect, SelectField, TextAreaField, TextField, TimeZoneField } from '../../components/form';
import { isTimeZone, zonedToInstant } from '../../format';
import { errorMessage, Notice, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';
import { organisationsQuery, queryKeys } from '../../queries';
import { useNavigate } from '@tanstack/react-router';

type SummitField = 'title' | 'hostOrganisationId' | 'timeZone' | 'startsAt' | 'endsAt';

export function SummitForm({ user }: { user: User }) {
  const navigate = useNavigate();
  const { t } = useLanguage();
  const errorId = useId();
  const queryClient = useQueryClient();
  const organisations = useQuery(organisationsQuery());
  const inputs = {
    title: useRef<HTMLInputElement>(null),
    hostOrganisationId: useRef<HTMLSelectElement>(null),
    timeZone: useRef<HTMLInputElement>(null),
    startsAt: useRef<HTMLInputElement>(null),
    endsAt: useRef<HTMLInputElement>(null),
  };
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [hostOrganisationId, setHostOrganisationId] = useState('');
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [agendaVisibility, setAgendaVisibility] = useState<Visibility>('participants');
  const [error, setError] = useState<{ problem: unknown; field?: SummitField } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const reject = (field: SummitField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    inputs[field].current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const zone = timeZone.trim();
    if (!title.trim()) return reject('title', 'validation.title');
    if (!hostOrganisationId) return reject('hostOrganisationId', 'validation.hostOrganisation');
    if (!isTimeZone(zone)) return reject('timeZone', 'validation.timeZone');
    const start = zonedToInstant(startsAt, zone);
    if (!start) return reject('startsAt', 'validation.startsAt');
    const end = zonedToInstant(endsAt, zone);
    if (!end) return reject('endsAt', 'validation.endsAt');
    if (end <= start) return reject('endsAt', 'validation.endsAfterStart');

    setError(null);
    setSubmitting(true);
    try {
      const summit = await createSummit({
        title: title.trim(),
        description: description.trim() || undefined,
        hostOrganisationId,
        timeZone: zone,
        startsAt: start,
        endsAt: end,
        agendaVisibility,
      });
      queryClient.setQueryData(queryKeys.summit(summit.id), summit);
      void queryClient.invalidateQueries({ queryKey: queryKeys.summits() });
      await navigate({ to: '/summits/$summitId', params: { summitId: summit.id } });
    } catch (failure) {
      setError({ problem: failure });
      setSubmitting(false);
    }
  };

  const field = (name: SummitField) => ({ invalid: error?.field === name, errorId });

  return (
    <section aria-labelledby="new-summit-title">
      <h2 id="new-summit-title">{t('summitForm.title')}</h2>
      <form className="card" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
        <ErrorAlert message={organisations.error ? errorMessage(t, organisations.error) : null} />
        <TextField
          ref={inputs.title}
          label={t('summitForm.summitTitle')}
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          {...field('title')}
        />
        <TextAreaField
          label={t('summitForm.description')}
          name="description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
        <OrganisationSelect
          ref={inputs.hostOrganisationId}
          label={t('summitForm.hostOrganisation')}
          organisations={organisations.data ?? null}
          emptyHint={t('summitForm.noOrganisations')}
          name="hostOrganisationId"
          value={hostOrganisationId}
          onChange={(event) => setHostOrganisationId(event.target.value)}
          {...field('hostOrganisationId')}
        />
        <TimeZoneField
          ref={inputs.timeZone}
          label={t('summitForm.timeZone')}
          hint={t('summitForm.timeZoneHint')}
          name="timeZone"
          required
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          {...field('timeZone')}
        />
        <DateTimeRangeFields
          start={{ ref: inputs.startsAt, label: t('summitForm.startsAt'), name: 'startsAt', value: startsAt, onChange: setStartsAt }}
          end={{ ref: inputs.endsAt, label: t('summitForm.endsAt'), name: 'endsAt', value: endsAt, onChange: setEndsAt }}
          hint={t('form.inZone', { zone: timeZone.trim() || '…' })}
          invalidField={error?.field}
          errorId={errorId}
        />
        <SelectField
          label={t('summitForm.agendaVisibility')}
          name="agendaVisibility"
          value={agendaVisibility}
          onChange={(event) => setAgendaVisibility(event.target.value === 'public' ? 'public' : 'participants')}
        >
          <option value="participants">{t('visibility.participants')}</option>
          <option value="public">{t('visibility.public')}</option>
        </SelectField>
        <div className="actions">
          <button type="submit" className="primary" disabled={submitting}>
            {t('summitForm.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
