import { useState, type FormEvent } from 'react';
import { updateParticipant, type OrganisationKind, type Participant, type ParticipationStatus } from '../../api';
import { ErrorAlert } from '../../components/form';
import { ParticipationBadge } from '../../components/status-badge';
import { errorMessage, isMessageKey, labelOf } from '../../i18n';
import { useLanguage } from '../../language.context';

const kindOrder: OrganisationKind[] = ['state', 'international_organisation', 'company', 'civil_society'];

export const participationStatuses: ParticipationStatus[] = ['invited', 'confirmed', 'declined', 'withdrawn', 'observer'];

/** Participants by kind of organisation, states first; kinds this client does not know come last. */
function byKind(participants: Participant[]): [string, Participant[]][] {
  const groups = new Map<string, Participant[]>();
  for (const participant of participants) groups.set(participant.kind, [...(groups.get(participant.kind) ?? []), participant]);
  const rank = (kind: string) => (kindOrder.includes(kind as OrganisationKind) ? kindOrder.indexOf(kind as OrganisationKind) : kindOrder.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

interface ParticipantListProps {
  summitId: string;
  participants: Participant[];
  canEdit: boolean;
  onChanged(): Promise<void>;
}

export function ParticipantList({ summitId, participants, canEdit, onChanged }: ParticipantListProps) {
  const { t } = useLanguage();
  if (participants.length === 0) return <p>{t('participants.none')}</p>;
  return (
    <>
      {byKind(participants).map(([kind, group]) => {
        const headingKey = `participants.kind.${kind}`;
        const headingId = `participants-${kind}`;
        return (
          <section key={kind} aria-labelledby={headingId}>
            <h3 id={headingId}>{isMessageKey(headingKey) ? t(headingKey) : labelOf(t, 'organisationKind', kind)}</h3>
            <ul className="rows" aria-labelledby={headingId}>
              {group.map((participant) => (
                <ParticipantRow
                  key={participant.organisationId}
                  summitId={summitId}
                  participant={participant}
                  canEdit={canEdit}
                  onChanged={onChanged}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function ParticipantRow({ summitId, participant, canEdit, onChanged }: Omit<ParticipantListProps, 'participants'> & { participant: Participant }) {
  const { t } = useLanguage();
  const [status, setStatus] = useState<ParticipationStatus>(participant.status);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setSubmitting(true);
    try {
      await updateParticipant(summitId, participant.organisationId, { status });
      await onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <li className="row">
      <div className="row-main">
        <span className="organisation">{participant.name}</span> <ParticipationBadge status={participant.status} />
        <div className="muted">{t('participants.capitalZone', { zone: participant.timeZone })}</div>
      </div>
      {canEdit && (
        <form className="inline-form" onSubmit={submit} noValidate>
          <select
            aria-label={t('participants.statusOf', { organisation: participant.name })}
            value={status}
            onChange={(event) => setStatus(participationStatuses.find((option) => option === event.target.value) ?? status)}
          >
            {participationStatuses.map((option) => (
              <option key={option} value={option}>
                {labelOf(t, 'participationStatus', option)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={submitting || status === participant.status}>
            {t('participants.update')}
            <span className="visually-hidden"> {t('participants.updateOf', { organisation: participant.name })}</span>
          </button>
        </form>
      )}
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
    </li>
  );
}
