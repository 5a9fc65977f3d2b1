import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import {
  resendSummitInvitation,
  revokeSummitInvitation,
  type Locale,
  type Participant,
  type SummitInvitation,
  type SummitStatus,
  type User,
} from '../../api';
import { ConfirmButton, ModalDialog } from '../../components/dialog';
import { ErrorAlert, StatusMessage } from '../../components/form';
import { formatDateTime, localName } from '../../format';
import { errorMessage, labelOf, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';
import { invitationsQuery, queryKeys } from '../../queries';

/** The form comes with the dialog's first opening. */
const InviteForm = lazy(() => import('./invite-form'));
/** The summits that take invitations (a draft is not shown to anyone yet; a cancelled one is over). */
const inviting: SummitStatus[] = ['announced', 'live', 'concluded'];
/** The delegations an invitation may lead into. */
const active: Participant['status'][] = ['invited', 'confirmed', 'observer'];

interface SummitInvitationsProps {
  summitId: string;
  summitStatus: SummitStatus;
  participants: Participant[];
  user: User;
}

/**
 * The invitations of a summit not accepted yet, for its host side: who was
 * asked into which delegation and role, mailed how often, until when; host
 * administrators invite a list into a delegation, mail one again or revoke it.
 */
export function SummitInvitations({ summitId, summitStatus, participants, user }: SummitInvitationsProps) {
  const { t, locale } = useLanguage();
  const invitations = useQuery(invitationsQuery(summitId));
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const canInvite = user.platformRole === 'host_admin';
  const changed = () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(summitId) });

  const act = async (invitation: SummitInvitation, work: () => Promise<unknown>, message: MessageKey) => {
    setError(null);
    setDone(null);
    setPendingId(invitation.id);
    try {
      await work();
      await changed();
      setDone(t(message, { email: invitation.email ?? '' }));
    } catch (failure) {
      setError(failure);
    } finally {
      setPendingId(null);
    }
  };

  const rows = invitations.data ?? [];
  return (
    <section aria-labelledby="invitations-title">
      <div className="section-heading">
        <h2 id="invitations-title">{t('invitations.title')}</h2>
        {canInvite && inviting.includes(summitStatus) && (
          <ModalDialog label={t('invitations.invite')} buttonClassName="primary" title={t('invitations.inviteTitle')}>
            {(close) => (
              <Suspense fallback={<p>{t('app.loading')}</p>}>
                <InviteForm summitId={summitId} participants={participants.filter((p) => active.includes(p.status))} onInvited={changed} onClose={close} />
              </Suspense>
            )}
          </ModalDialog>
        )}
      </div>
      {canInvite && !inviting.includes(summitStatus) && <p className="hint">{t('invitations.notYet')}</p>}
      {rows.length > 0 && <p className="hint">{t('invitations.timesIn', { zone: user.timeZone })}</p>}
      <ErrorAlert message={invitations.error ? errorMessage(t, invitations.error) : null} />
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
      {invitations.data && rows.length === 0 && <p>{t('invitations.none')}</p>}
      {rows.length > 0 && (
        <table aria-labelledby="invitations-title" className="table">
          <thead>
            <tr>
              <th scope="col">{t('invitations.email')}</th>
              <th scope="col">{t('invitations.delegationAndRole')}</th>
              <th scope="col">{t('invitations.sent')}</th>
              <th scope="col">{t('invitations.expires')}</th>
              {canInvite && <th scope="col">{t('invitations.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((invitation) => (
              <tr key={invitation.id}>
                <th scope="row" data-label={t('invitations.email')}>{invitation.email}</th>
                <td data-label={t('invitations.delegationAndRole')}>
                  {delegationName(invitation, participants, locale)}
                  {invitation.summitRole && <div className="muted">{labelOf(t, 'summitRole', invitation.summitRole)}</div>}
                </td>
                <td data-label={t('invitations.sent')}>
                  {invitation.lastSentAt
                    ? t('invitations.sentTimes', { count: invitation.sentCount, date: formatDateTime(invitation.lastSentAt, locale, user.timeZone) })
                    : t('invitations.notSent')}
                </td>
                <td data-label={t('invitations.expires')}>
                  {invitation.status === 'expired' ? (
                    <span className="badge warning">{t('invitations.expired')}</span>
                  ) : (
                    formatDateTime(invitation.expiresAt, locale, user.timeZone)
                  )}
                </td>
                {canInvite && (
                  <td data-label={t('invitations.actions')}>
                    <div className="actions compact">
                      <button
                        type="button"
                        disabled={pendingId !== null}
                        aria-label={t('invitations.resendTo', { email: invitation.email ?? '' })}
                        onClick={() => void act(invitation, () => resendSummitInvitation(summitId, invitation.id), 'invitations.resent')}
                      >
                        {t('invitations.resend')}
                      </button>
                      <ConfirmButton
                        label={t('invitations.revoke')}
                        aria-label={t('invitations.revokeFor', { email: invitation.email ?? '' })}
                        disabled={pendingId !== null}
                        title={t('invitations.revokeQuestion', { email: invitation.email ?? '' })}
                        detail={t('invitations.revokeDetail')}
                        confirmLabel={t('invitations.revokeConfirm')}
                        onConfirm={() => act(invitation, () => revokeSummitInvitation(summitId, invitation.id), 'invitations.revoked')}
                      />
                    </div>
                    {invitation.resendableAt && !resendable(invitation) && (
                      <p className="hint">{t('invitations.resendFrom', { time: formatDateTime(invitation.resendableAt, locale, user.timeZone) })}</p>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <StatusMessage message={done} />
    </section>
  );
}

function resendable(invitation: SummitInvitation): boolean {
  return invitation.resendableAt !== null && Date.parse(invitation.resendableAt) <= Date.now();
}

function delegationName(invitation: SummitInvitation, participants: Participant[], locale: Locale): string {
  const participant = participants.find((p) => p.organisationId === invitation.organisationId);
  return participant ? localName(participant, locale) : (invitation.organisationName ?? '');
}

