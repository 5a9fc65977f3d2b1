import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Summit, User } from '../api';
import { ModalDialog } from '../components/dialog';
import { ErrorAlert } from '../components/form';
import { Page } from '../components/page';
import { SummitStatusBadge } from '../components/status-badge';
import { formatSpan } from '../format';
import { errorMessage, labelOf } from '../i18n';
import { useLanguage } from '../language.context';
import { organisationsQuery, participantsQuery, queryKeys, summitQuery } from '../queries';
import { getRouteApi } from '@tanstack/react-router';
import { Link } from '../components/app-link';
import { useSignedInUser } from '../auth.context';
import { SummitInvitations } from './summit/invitations';
import { SummitPeople } from './summit/summit-people';
import { ParticipantForm } from './summit/participant-form';
import { ParticipantList } from './summit/participant-list';
import { SummitStatusForm } from './summit/summit-status-form';

export function SummitPage({ summitId, user }: { summitId: string; user: User }) {
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  const summit = useQuery(summitQuery(summitId));
  const participants = useQuery(participantsQuery(summitId));
  const organisations = useQuery(organisationsQuery());
  const participantsChanged = () => queryClient.invalidateQueries({ queryKey: queryKeys.participants(summitId) });

  if (!summit.data) {
    return (
      <Page title={t('summit.heading')}>
        <ErrorAlert message={summit.error ? errorMessage(t, summit.error) : null} />
        {!summit.error && <p>{t('app.loading')}</p>}
        <p>
          <Link to="/summits">{t('summit.backToSummits')}</Link>
        </p>
      </Page>
    );
  }

  const canEdit = summit.data.canEdit ?? false;
  return (
    <Page title={summit.data.title}>
      <SummitDetails summit={summit.data} user={user} hostName={organisations.data?.find((o) => o.id === summit.data?.hostOrganisationId)?.name} />
      <nav aria-label={t('summit.pagesOfSummit')}>
        <ul className="link-list">
          <li>
            <Link to="/summits/$summitId/agenda" params={{ summitId }}>{t('summit.agendaLink')}</Link>
          </li>
          <li>
            <Link to="/summits/$summitId/chat" params={{ summitId }}>{t('summit.chatLink')}</Link>
          </li>
          {canEdit && (
            <li>
              <Link to="/summits/$summitId/fairness" params={{ summitId }}>{t('summit.fairnessLink')}</Link>
            </li>
          )}
        </ul>
      </nav>

      {canEdit && <SummitStatusForm summit={summit.data} onChanged={(changed) => queryClient.setQueryData(queryKeys.summit(summitId), changed)} />}

      <section aria-labelledby="participants-title">
        <h2 id="participants-title">{t('participants.title')}</h2>
        <ErrorAlert message={participants.error ? errorMessage(t, participants.error) : null} />
        {participants.data && (
          <ParticipantList summitId={summitId} participants={participants.data} canEdit={canEdit} onChanged={participantsChanged} />
        )}
        {canEdit && participants.data && (
          <div className="actions">
            <ModalDialog label={t('participantForm.title')} title={t('participantForm.title')}>
              {(close) => (
                <ParticipantForm
                  summitId={summitId}
                  organisations={organisations.data ?? []}
                  participants={participants.data ?? []}
                  onAdded={participantsChanged}
                  onClose={close}
                />
              )}
            </ModalDialog>
          </div>
        )}
      </section>

      <SummitPeople summitId={summitId} canEdit={canEdit} participants={participants.data ?? []} organisations={organisations.data ?? []} />

      {canEdit && <SummitInvitations summitId={summitId} summitStatus={summit.data.status} participants={participants.data ?? []} user={user} />}
    </Page>
  );
}

function SummitDetails({ summit, user, hostName }: { summit: Summit; user: User; hostName: string | undefined }) {
  const { t, locale } = useLanguage();
  return (
    <section aria-labelledby="summit-details">
      <h2 id="summit-details">{t('summit.details')}</h2>
      <dl className="details">
        <div>
          <dt>{t('summit.status')}</dt>
          <dd>
            <SummitStatusBadge status={summit.status} />
          </dd>
        </div>
        <div>
          <dt>{t('summit.dates')}</dt>
          <dd>
            {formatSpan(summit.startsAt, summit.endsAt, locale, summit.timeZone)} <span className="muted">({summit.timeZone})</span>
            {user.timeZone !== summit.timeZone && (
              <>
                <br />
                {formatSpan(summit.startsAt, summit.endsAt, locale, user.timeZone)}{' '}
                <span className="muted">({t('summit.yourZone', { zone: user.timeZone })})</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('summit.host')}</dt>
          <dd>{hostName ?? t('summit.unknownOrganisation')}</dd>
        </div>
        <div>
          <dt>{t('summit.agendaVisibility')}</dt>
          <dd>{labelOf(t, 'visibility', summit.agendaVisibility)}</dd>
        </div>
        <div>
          <dt>{t('summit.myRole')}</dt>
          <dd>{summit.myRole ? labelOf(t, 'summitRole', summit.myRole) : summit.canEdit ? t('summits.hostSide') : t('summits.noRole')}</dd>
        </div>
        {summit.description && (
          <div>
            <dt>{t('summit.description')}</dt>
            <dd className="prose">{summit.description}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

const route = getRouteApi('/signed-in/summits/$summitId');

/** The route's screen: a fresh page for each summit. */
export function SummitScreen() {
  const { summitId } = route.useParams();
  const user = useSignedInUser();
  return <SummitPage key={summitId} summitId={summitId} user={user} />;
}
