import { useId, useState, type FormEvent } from 'react';
import { changeSummitStatus, type Summit, type SummitStatus } from '../../api';
import { ErrorAlert, SelectField, StatusMessage } from '../../components/form';
import { SummitStatusBadge } from '../../components/status-badge';
import { errorMessage, labelOf } from '../../i18n';
import { useLanguage } from '../../language.context';

export function SummitStatusForm({ summit, onChanged }: { summit: Summit; onChanged(summit: Summit): void }) {
  const { t } = useLanguage();
  const errorId = useId();
  // The server names the steps it accepts from here, so that nobody picks one it would refuse.
  const options = summit.nextStatuses;
  const [status, setStatus] = useState<SummitStatus | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const chosen = status && options.includes(status) ? status : (options[0] ?? '');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    setError(null);
    setDone(null);
    setSubmitting(true);
    try {
      const updated = await changeSummitStatus(summit.id, chosen);
      onChanged(updated);
      setStatus('');
      setDone(t('summitStatusForm.changed', { status: labelOf(t, 'summitStatus', updated.status) }));
    } catch (failure) {
      setError(failure);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section aria-labelledby="summit-status-title">
      <h2 id="summit-status-title">{t('summitStatusForm.title')}</h2>
      <form className="card" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <ErrorAlert id={errorId} message={error ? errorMessage(t, error) : null} />
        <p>
          {t('summitStatusForm.current')} <SummitStatusBadge status={summit.status} />
        </p>
        {options.length === 0 ? (
          <p className="muted">{t('summitStatusForm.final')}</p>
        ) : (
          <>
            <SelectField
              label={t('summitStatusForm.next')}
              name="status"
              value={chosen}
              onChange={(event) => setStatus(options.find((option) => option === event.target.value) ?? '')}
            >
              {options.map((option) => (
                <option key={option} value={option}>
                  {labelOf(t, 'summitStatus', option)}
                </option>
              ))}
            </SelectField>
            <div className="actions">
              <button type="submit" className="primary" disabled={submitting}>
                {t('summitStatusForm.submit')}
              </button>
            </div>
          </>
        )}
        <StatusMessage message={done} />
      </form>
    </section>
  );
}
