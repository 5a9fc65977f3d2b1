import { useQuery } from '@tanstack/react-query';
import type { Summit, User } from '../api';
import { ErrorAlert } from '../components/form';
import { Page } from '../components/page';
import { SummitStatusBadge } from '../components/status-badge';
import { formatSpan } from '../format';
import { errorMessage, labelOf } from '../i18n';
import { useLanguage } from '../language.context';
import { summitsQuery } from '../queries';
import { Link } from '../components/app-link';
import { useSignedInUser } from '../auth.context';
import { SummitForm } from './summits/summit-form';

export function SummitsPage({ user }: { user: User }) {
  const { t } = useLanguage();
  const summits = useQuery(summitsQuery());

  return (
    <Page title={t('summits.title')}>
      <ErrorAlert message={summits.error ? errorMessage(t, summits.error) : null} />
      {summits.isPending && <p>{t('app.loading')}</p>}
      {summits.data?.length === 0 && <p>{t('summits.none')}</p>}
      {summits.data && summits.data.length > 0 && (
        <ul className="cards" aria-label={t('summits.title')}>
          {summits.data.map((summit) => (
            <SummitCard key={summit.id} summit={summit} user={user} />
          ))}
        </ul>
      )}
      {user.platformRole === 'host_admin' && <SummitForm user={user} />}
    </Page>
  );
}

function SummitCard({ summit, user }: { summit: Summit; user: User }) {
  const { t, locale } = useLanguage();
  return (
    <li className="card">
      <h2 className="card-title">
        <Link to="/summits/$summitId" params={{ summitId: summit.id }}>{summit.title}</Link>
      </h2>
      <p className="card-line">
        <SummitStatusBadge status={summit.status} />{' '}
        <span>{formatSpan(summit.startsAt, summit.endsAt, locale, user.timeZone)}</span>{' '}
        <span className="muted">({user.timeZone})</span>
      </p>
      <p className="card-line muted">
        {t('summits.myRole')}{' '}
        {summit.myRole ? labelOf(t, 'summitRole', summit.myRole) : summit.canEdit ? t('summits.hostSide') : t('summits.noRole')}
      </p>
    </li>
  );
}

/** The route's screen. */
export function SummitsScreen() {
  const user = useSignedInUser();
  return <SummitsPage user={user} />;
}
