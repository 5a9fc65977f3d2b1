import { useQueryClient } from '@tanstack/react-query';
import type { User } from '../api';
import { Page } from '../components/page';
import { labelOf } from '../i18n';
import { useLanguage } from '../language.context';
import { queryKeys } from '../queries';
import { PasswordForm } from './account/password-form';
import { ProfileForm } from './account/profile-form';
import { SessionList } from './account/session-list';
import { useSignedInUser } from '../auth.context';

export function AccountPage({ user }: { user: User }) {
  const { t } = useLanguage();
  // Changing the password may end other sessions, so the list is read again afterwards.
  const queryClient = useQueryClient();

  return (
    <Page title={t('account.title')}>
      <section aria-labelledby="account-details">
        <h2 id="account-details">{t('account.details')}</h2>
        <dl className="details">
          <div>
            <dt>{t('account.name')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>{t('account.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('account.platformRole')}</dt>
            <dd>{t(`role.${user.platformRole}`)}</dd>
          </div>
          <div>
            <dt>{t('account.memberships')}</dt>
            <dd>
              {user.memberships.length === 0 ? (
                t('account.noMemberships')
              ) : (
                <ul className="memberships">
                  {user.memberships.map((membership) => (
                    <li key={membership.organisationId}>
                      <span className="organisation">{membership.organisationName}</span>{' '}
                      <span className="muted">
                        ({labelOf(t, 'organisationKind', membership.organisationKind)}) ·{' '}
                        {labelOf(t, 'delegationRole', membership.delegationRole)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <ProfileForm user={user} />
      <SessionList user={user} />
      <PasswordForm user={user} onChanged={() => void queryClient.invalidateQueries({ queryKey: queryKeys.devices() })} />
    </Page>
  );
}

/** The route's screen. */
export function AccountScreen() {
  const user = useSignedInUser();
  return <AccountPage user={user} />;
}
