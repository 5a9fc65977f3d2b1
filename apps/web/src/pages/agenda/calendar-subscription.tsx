import { useState } from 'react';
import { subscribeToCalendar, type CalendarFeed } from '../../api';
import { ErrorAlert, TextField } from '../../components/form';
import { errorMessage } from '../../i18n';
import { useLanguage } from '../../language.context';

/** A personal calendar address for the summit's agenda, which calendar applications keep up to date. */
export function CalendarSubscription({ summitId }: { summitId: string }) {
  const { t } = useLanguage();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const subscribe = async () => {
    setError(null);
    setPending(true);
    try {
      setFeed(await subscribeToCalendar(summitId));
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('calendar.title')}</h2>
      <p className="muted">{t('calendar.intro')}</p>
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
      {!feed && (
        <button type="button" disabled={pending} onClick={() => void subscribe()}>
          {t('calendar.subscribe')}
        </button>
      )}
      <div role="status">
        {feed && (
          <div className="card">
            <p>
              <a href={feed.url}>{t('calendar.open')}</a>
            </p>
            <TextField label={t('calendar.address')} hint={t('calendar.addressHint')} readOnly value={feed.url} onFocus={(event) => event.target.select()} />
            <p className="hint">
              {t('calendar.download')} <a href={feed.httpUrl}>{feed.httpUrl}</a>
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
