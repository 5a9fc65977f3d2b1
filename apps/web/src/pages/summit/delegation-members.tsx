import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { setSummitMember, type Organisation, type Participant, type SummitRole } from '../../api';
import { DialogFormActions } from '../../components/dialog';
import { CheckboxField, ErrorAlert, OrganisationSelect, SelectField, StatusMessage } from '../../components/form';
import { errorMessage, labelOf, Notice, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';
import { organisationPeopleQuery } from '../../queries';

const summitRoles: SummitRole[] = ['chair', 'co_chair', 'secretariat', 'head_of_delegation', 'delegate', 'interpreter', 'observer'];

type MemberField = 'organisationId' | 'userId';

interface MemberFormProps {
  summitId: string;
  participants: Participant[];
  organisations: Organisation[];
  onSaved(): Promise<void>;
  onClose(): void;
}

/** The "Name a member" dialog's form; it stays open after a naming, for the next one. */
export function MemberForm({ summitId, participants, organisations, onSaved, onClose }: MemberFormProps) {
  const { t } = useLanguage();
  const errorId = useId();
  const inputs = { organisationId: useRef<HTMLSelectElement>(null), userId: useRef<HTMLSelectElement>(null) };
  const [organisationId, setOrganisationId] = useState('');
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<SummitRole>('delegate');
  const [isProxy, setIsProxy] = useState(false);
  const [error, setError] = useState<{ problem: unknown; field?: MemberField } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const participating = new Set(participants.map((participant) => participant.organisationId));
  const isParticipating = participating.has(organisationId);
  // A chair may list the people of organisations taking part; others need the platform's organisation directory.
  const people = useQuery({ ...organisationPeopleQuery(summitId, organisationId, isParticipating), enabled: organisationId !== '' });
  // Participants first: delegation roles need an organisation that takes part; the host side may come from any.
  const choices = [...organisations].sort((a, b) => Number(participating.has(b.id)) - Number(participating.has(a.id)) || a.name.localeCompare(b.name));

  const reject = (field: MemberField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    inputs[field].current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    if (!organisationId) return reject('organisationId', 'validation.organisation');
    if (!userId) return reject('userId', 'validation.person');
    setError(null);
    setSubmitting(true);
    try {
      const member = await setSummitMember(summitId, userId, {
        role,
        // The delegation the person attends with: only an organisation that takes part can be one.
        organisationId: participating.has(organisationId) ? organisationId : undefined,
        isProxy,
      });
      await onSaved();
      setUserId('');
      setIsProxy(false);
      setDone(t('members.saved', { person: member.displayName, role: labelOf(t, 'summitRole', member.role) }));
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
        label={t('members.organisation')}
        organisations={choices}
        optionLabel={(organisation) =>
          participating.has(organisation.id) ? organisation.name : t('members.notParticipating', { organisation: organisation.name })
        }
        name="organisationId"
        value={organisationId}
        onChange={(event) => {
          setOrganisationId(event.target.value);
          setUserId('');
        }}
        invalid={error?.field === 'organisationId'}
        errorId={errorId}
      />
      <ErrorAlert message={people.error ? errorMessage(t, people.error, { FORBIDDEN: 'members.cannotListPeople' }) : null} />
      <SelectField
        ref={inputs.userId}
        label={t('members.person')}
        hint={organisationId && people.data?.length === 0 ? t('members.noPeople') : undefined}
        name="userId"
        required
        disabled={!organisationId}
        value={userId}
        onChange={(event) => setUserId(event.target.value)}
        invalid={error?.field === 'userId'}
        errorId={errorId}
      >
        <option value="">{t('form.choose')}</option>
        {people.data?.map((person) => (
          <option key={person.userId} value={person.userId}>
            {person.displayName} ({person.email})
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('members.role')}
        name="role"
        value={role}
        onChange={(event) => setRole(summitRoles.find((option) => option === event.target.value) ?? role)}
      >
        {summitRoles.map((option) => (
          <option key={option} value={option}>
            {labelOf(t, 'summitRole', option)}
          </option>
        ))}
      </SelectField>
      <CheckboxField label={t('members.isProxy')} name="isProxy" checked={isProxy} onChange={(event) => setIsProxy(event.target.checked)} />
      <DialogFormActions submitLabel={t('members.submit')} submitting={submitting} closeLabel={t('dialog.close')} onClose={onClose} />
      <StatusMessage message={done} />
    </form>
  );
}
