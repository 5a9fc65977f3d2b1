import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { proposeFairHours, type FairnessProposal, type Summit } from '../api';
import { DateTimeRangeFields, ErrorAlert, FormCard, TextField, useFormSubmit } from '../components/form';
import { Page } from '../components/page';
import { datesBetween, formatLocalDaySpan, formatSpan, nextDate, zonedToInstant } from '../format';
import { errorMessage } from '../i18n';
import { useLanguage } from '../language.context';
import { participantsQuery, summitQuery } from '../queries';
import { getRouteApi } from '@tanstack/react-router';
import { Link } from '../components/app-link';

export function FairnessPage({ summitId }: { summitId: string }) {
  const { t } = useLanguage();
  const summit = useQuery(summitQuery(summitId));
  return (
    <Page title={summit.data ? t('fairness.title', { summit: summit.data.title }) : t('fairness.heading')}>
      <p>
        <Link to="/summits/$summitId" params={{ summitId }}>{t('agenda.backToSummit')}</Link>
      </p>
      <ErrorAlert message={summit.error ? errorMessage(t, summit.error) : null} />
      {!summit.data && !summit.error && <p>{t('app.loading')}</p>}
      {summit.data && !summit.data.canEdit && <p>{t('fairness.hostOnly')}</p>}
      {summit.data?.canEdit && <FairHours summit={summit.data} />}
    </Page>
  );
}

/** The smallest and largest meeting the server plans, in minutes. */
const durationLimits = { min: 15, max: 720 };

function FairHours({ summit }: { summit: Summit }) {
  const { t } = useLanguage();
  const summitDates = datesBetween(summit.startsAt, summit.endsAt, summit.timeZone);
  const participants = useQuery(participantsQuery(summit.id));
  // Only confirmed delegations are weighed; without one there is nothing to be fair to.
  const noneConfirmed = participants.data?.every((participant) => participant.status !== 'confirmed') ?? false;
  const form = useFormSubmit({ durationMinutes: useRef<HTMLInputElement>(null), from: useRef<HTMLInputElement>(null), to: useRef<HTMLInputElement>(null) });
  const [durationMinutes, setDurationMinutes] = useState('60');
  const [from, setFrom] = useState(summitDates[0] ?? '');
  const [to, setTo] = useState(summitDates.at(-1) ?? '');
  const [proposals, setProposals] = useState<FairnessProposal[] | null>(null);

  const submit = async () => {
    const minutes = Number(durationMinutes);
    if (!Number.isInteger(minutes) || minutes < durationLimits.min || minutes > durationLimits.max) return form.reject('durationMinutes', 'validation.duration');
    // The range covers whole days of the summit's calendar: from the first day's midnight to the midnight after the last.
    const start = zonedToInstant(`${from}T00:00`, summit.timeZone);
    if (!start) return form.reject('from', 'validation.date');
    const end = /^\d{4}-\d{2}-\d{2}$/.test(to) ? zonedToInstant(`${nextDate(to)}T00:00`, summit.timeZone) : null;
    if (!end) return form.reject('to', 'validation.date');
    if (to < from) return form.reject('to', 'validation.dateOrder');

    await form.send(async () => {
      setProposals(await proposeFairHours(summit.id, { durationMinutes: minutes, from: start, to: end }));
    });
  };

  return (
    <>
      <p>{t('fairness.intro')}</p>
      {noneConfirmed && <p className="muted">{t('fairness.noneConfirmed')}</p>}
      <FormCard form={form} onSubmit={submit} submitLabel={t('fairness.submit')}>
        <TextField
          label={t('fairness.duration')}
          hint={t('fairness.durationHint')}
          type="number"
          inputMode="numeric"
          name="durationMinutes"
          min={durationLimits.min}
          max={durationLimits.max}
          step={5}
          required
          value={durationMinutes}
          onChange={(event) => setDurationMinutes(event.target.value)}
          {...form.field('durationMinutes')}
        />
        <DateTimeRangeFields
          type="date"
          start={{ ref: form.inputs.from, label: t('fairness.from'), name: 'from', value: from, onChange: setFrom }}
          end={{ ref: form.inputs.to, label: t('fairness.to'), name: 'to', value: to, onChange: setTo }}
          hint={t('fairness.daysIn', { zone: summit.timeZone })}
          invalidField={form.error?.field}
          errorId={form.errorId}
        />
      </FormCard>
      <div role="status">{proposals && <p>{t('fairness.found', { count: proposals.length })}</p>}</div>
      {proposals && proposals.length > 0 && <ProposalTable summit={summit} proposals={proposals} />}
    </>
  );
}

function ProposalTable({ summit, proposals }: { summit: Summit; proposals: FairnessProposal[] }) {
  const { t, locale } = useLanguage();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{t('fairness.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fairness.utc')}</th>
            <th scope="col">{t('fairness.summitTime', { zone: summit.timeZone })}</th>
            <th scope="col">{t('fairness.reasonable')}</th>
            <th scope="col">{t('fairness.unreasonable')}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => (
            <tr key={proposal.startsAt}>
              <th scope="row">{formatSpan(proposal.startsAt, proposal.endsAt, locale, 'UTC')}</th>
              <td>{formatSpan(proposal.startsAt, proposal.endsAt, locale, summit.timeZone)}</td>
              <td>{t('fairness.countOf', { count: String(proposal.reasonableCount), total: String(proposal.local.length) })}</td>
              <td>
                {proposal.unreasonable.length === 0 ? (
                  t('fairness.everyone')
                ) : (
                  <ul className="plain">
                    {proposal.unreasonable.map((delegation) => (
                      <li key={delegation.organisationId}>
                        <span className="organisation">{delegation.name}</span>:{' '}
                        {formatLocalDaySpan(delegation.localStart, delegation.localEnd, locale)}{' '}
                        <span className="muted">({delegation.timeZone})</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const route = getRouteApi('/signed-in/summits/$summitId/fairness');

/** The route's screen: a fresh page for each summit. */
export function FairnessScreen() {
  const { summitId } = route.useParams();
  return <FairnessPage key={summitId} summitId={summitId} />;
}
