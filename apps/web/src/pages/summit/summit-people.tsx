import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { removeSummitMember, type DelegationGroup, type DelegationGroupPerson, type Locale, type Organisation, type Participant } from '../../api';
import { ConfirmButton, ModalDialog } from '../../components/dialog';
import { ErrorAlert, StatusMessage } from '../../components/form';
import { localName } from '../../format';
import { errorMessage, labelOf, type Translate } from '../../i18n';
import { useLanguage } from '../../language.context';
import { delegationsQuery, queryKeys } from '../../queries';
import { matchesEveryWord } from '../../text-search';
import { MemberForm } from './delegation-members';

/** Up to how many delegations each one's people show without being opened. */
const openUpTo = 6;

interface SummitPeopleProps {
  summitId: string;
  canEdit: boolean;
  participants: Participant[];
  organisations: Organisation[];
}

/**
 * Everyone taking part, by delegation in the participants' order: named roles
 * first, with a count per delegation (and, for the host side, the invitations
 * not accepted yet); a search by name, address, delegation or role; the host
 * side names people in the summit and takes a role back.
 */
export function SummitPeople({ summitId, canEdit, participants, organisations }: SummitPeopleProps) {
  const { t, locale } = useLanguage();
  const delegations = useQuery(delegationsQuery(summitId));
  const queryClient = useQueryClient();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const changed = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.delegations(summitId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.members(summitId) }),
    ]).then(() => undefined);

  const remove = async (person: DelegationGroupPerson) => {
    setError(null);
    setDone(null);
    try {
      await removeSummitMember(summitId, person.userId);
      await changed();
      setDone(t('members.removed', { person: person.displayName }));
    } catch (failure) {
      setError(failure);
    }
  };

  const groups = (delegations.data?.groups ?? []).map((group) => ({
    group,
    name: group.organisation ? localName(group.organisation, locale) : t('people.outsideDelegations'),
    shown: group.people.filter((person) => matchesEveryWord(query, searchable(person, group, locale, t))),
  }));
  const matching = groups.filter(({ shown }) => shown.length > 0);
  const shownCount = matching.reduce((sum, { shown }) => sum + shown.length, 0);
  const total = delegations.data?.total ?? 0;

  return (
    <section aria-labelledby="people-title">
      <div className="section-heading">
        <h2 id="people-title">{t('people.title')}</h2>
        {canEdit && (
          <ModalDialog label={t('members.formTitle')} title={t('members.formTitle')}>
            {(close) => <MemberForm summitId={summitId} participants={participants} organisations={organisations} onSaved={changed} onClose={close} />}
          </ModalDialog>
        )}
      </div>
      <ErrorAlert message={delegations.error ? errorMessage(t, delegations.error) : null} />
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
      {delegations.data && total === 0 && <p>{t('people.none')}</p>}
      {total > 0 && (
        <div className="field search-field">
          <label htmlFor={searchId}>{t('people.search')}</label>
          <input id={searchId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} aria-describedby={`${searchId}-count`} />
          <p className="hint" id={`${searchId}-count`} aria-live="polite">
            {query.trim() ? t('people.shown', { count: shownCount, total }) : t('people.total', { count: total, delegations: groups.length })}
          </p>
        </div>
      )}
      {matching.map(({ group, name, shown }) => (
        <details key={group.organisation?.organisationId ?? 'outside'} className="delegation" open={Boolean(query.trim()) || groups.length <= openUpTo}>
          <summary>
            <h3 className="delegation-name">{name}</h3>
            <span className="muted">
              {query.trim() ? t('people.groupShown', { count: shown.length, total: group.total }) : t('people.groupTotal', { count: group.total })}
              {group.openInvitations ? ` · ${t('people.openInvitations', { count: group.openInvitations })}` : ''}
            </span>
          </summary>
          <ul className="rows" aria-label={name}>
            {shown.map((person) => (
              <li key={person.userId} className="row">
                <div className="row-main">
                  <span className="organisation">{person.displayName}</span> {person.email && <span className="muted">{person.email}</span>}
                  <div>{roles(person, t).join(' · ')}</div>
                </div>
                {canEdit && person.summitRole && (
                  <ConfirmButton
                    label={t('members.remove')}
                    aria-label={t('members.removeNamed', { person: person.displayName })}
                    title={t('people.removeQuestion', { person: person.displayName })}
                    detail={t('people.removeDetail')}
                    confirmLabel={t('people.removeConfirm')}
                    onConfirm={() => remove(person)}
                  />
                )}
              </li>
            ))}
          </ul>
        </details>
      ))}
      <StatusMessage message={done} />
    </section>
  );
}

/** What a person is: their role in the summit, their place in their organisation, and whether they may act for its head. */
function roles(person: DelegationGroupPerson, t: Translate): string[] {
  return [
    person.summitRole ? labelOf(t, 'summitRole', person.summitRole) : null,
    // Their place in the organisation, where the summit role does not already say it.
    person.delegationRole && !(person.summitRole && person.delegationRole === 'delegate') ? labelOf(t, 'delegationRole', person.delegationRole) : null,
    person.isProxy ? t('members.proxy') : null,
  ].filter((text): text is string => text !== null);
}

/** The texts a search looks in: the person's name, address and roles, and their delegation's names. */
function searchable(person: DelegationGroupPerson, group: DelegationGroup, locale: Locale, t: Translate): string[] {
  const organisation = group.organisation;
  return [
    person.displayName,
    person.email ?? '',
    ...(organisation ? [organisation.name, organisation.nameFr ?? '', localName(organisation, locale)] : []),
    ...roles(person, t),
  ];
}
