import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import {
  ApiError,
  askForTheFloor,
  getSpeakersList,
  giveTheFloor,
  runSpeakersList,
  withdrawSpeaker,
  type SpeakerEntry,
  type SpeakerEntryKind,
  type SpeakersCommand,
  type SpeakersList,
  type User,
} from '../../api';
import { ChoiceGroup, ErrorAlert, SelectField, StatusMessage } from '../../components/form';
import { formatDuration } from '../../format';
import { errorMessage, isMessageKey, labelOf, type Translate } from '../../i18n';
import { useLanguage } from '../../language.context';
import { queryKeys } from '../../queries';

/** How often the list is read again while the page is open, so that everyone sees the chair's moves. */
const refreshMs = 5000;

/** A speakers list with the moment it arrived: the timers count on from there. */
interface Received {
  list: SpeakersList;
  at: number;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Why the server refused a move on the list: the rule it broke when it says which, else its general explanation. */
function speakersErrorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError && error.code === 'SPEAKERS_LIST') {
    const reason = (error.details as { reason?: unknown } | undefined)?.reason;
    const key = `speakers.refused.${String(reason)}`;
    if (isMessageKey(key)) return t(key);
  }
  return errorMessage(t, error, { CONFLICT: 'speakers.alreadyListed' });
}

function signedDuration(t: Translate, seconds: number | null): string {
  if (seconds === null) return t('speakers.noLimit');
  return seconds < 0 ? t('speakers.overrun', { time: formatDuration(seconds) }) : formatDuration(seconds);
}

/** A delegation that may be put on the list. */
export interface Delegation {
  organisationId: string;
  name: string;
}

interface SpeakersListPanelProps {
  sessionId: string;
  user: User;
  /** The host side runs the list: gives the floor, pauses, ends, and may put any delegation taking part on it. */
  canRun: boolean;
  /** The delegations taking part in the summit. */
  participants: Delegation[];
  organisationName(id: string): string | undefined;
}

export function SpeakersListPanel({ sessionId, user, canRun, participants, organisationName }: SpeakersListPanelProps) {
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  // Asked again every few seconds; the moment of each answer lets the clocks run on between answers.
  const speakers = useQuery<Received>({
    queryKey: queryKeys.speakersList(sessionId),
    queryFn: () => getSpeakersList(sessionId).then((list) => ({ list, at: Date.now() })),
    refetchInterval: refreshMs,
  });
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const now = useNow(1000);

  /** Applies one change to the list and shows the list the server answers with; false when refused. */
  const act = async (change: () => Promise<SpeakersList>): Promise<boolean> => {
    setError(null);
    setPending(true);
    try {
      queryClient.setQueryData<Received>(queryKeys.speakersList(sessionId), { list: await change(), at: Date.now() });
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setPending(false);
    }
  };

  const received = speakers.data;
  const list = received?.list;
  const current = list?.current ?? null;
  // The server's figures are those of the moment it answered; a running speech has gone on since.
  const sinceAnswer = received && current?.status === 'speaking' ? Math.max(0, Math.floor((now - received.at) / 1000)) : 0;
  const nameOf = (entry: { organisationId: string; organisationName?: string }) =>
    entry.organisationName || organisationName(entry.organisationId) || t('summit.unknownOrganisation');
  const ownDelegations = new Set(user.memberships.map((membership) => membership.organisationId));
  // One's own delegations first; the host side may also speak up for any delegation taking part.
  const askable: Delegation[] = [
    ...user.memberships.map((membership) => ({ organisationId: membership.organisationId, name: membership.organisationName })),
    ...(canRun ? participants.filter((participant) => !ownDelegations.has(participant.organisationId)) : []),
  ];
  const command = (name: SpeakersCommand) => () => void act(() => runSpeakersList(sessionId, name));

  return (
    <section aria-labelledby="speakers-title">
      <h2 id="speakers-title">{t('speakers.title')}</h2>
      <ErrorAlert message={speakers.error && !received ? errorMessage(t, speakers.error) : null} />
      <ErrorAlert message={error ? speakersErrorMessage(t, error) : null} />
      {!received && !speakers.error && <p>{t('app.loading')}</p>}
      {list && (
        <>
          {speakers.error !== null && <p className="muted">{t('speakers.stale')}</p>}
          <h3 id="floor-title">{t('speakers.floor')}</h3>
          {current ? (
            <div className="floor card" aria-labelledby="floor-title">
              <p className="floor-speaker" aria-live="polite">
                <span className="organisation">{nameOf(current)}</span>
                {current.kind === 'point_of_order' && <span className="badge warning">{labelOf(t, 'speakerKind', current.kind)}</span>}
                {current.status === 'paused' && <span className="badge neutral">{labelOf(t, 'speakerStatus', current.status)}</span>}
              </p>
              <dl className="timers">
                <div>
                  <dt>{t('speakers.elapsed')}</dt>
                  <dd role="timer">{formatDuration(current.elapsedSeconds + sinceAnswer)}</dd>
                </div>
                <div>
                  <dt>{t('speakers.remaining')}</dt>
                  <dd
                    role="timer"
                    className={current.remainingSeconds !== null && current.remainingSeconds - sinceAnswer < 0 ? 'overrun' : undefined}
                  >
                    {signedDuration(t, current.remainingSeconds === null ? null : current.remainingSeconds - sinceAnswer)}
                  </dd>
                </div>
              </dl>
            </div>
          ) : (
            <p>{t('speakers.nobody')}</p>
          )}

          {canRun && (
            <div className="actions" role="group" aria-label={t('speakers.chairControls')}>
              <button type="button" className="primary" disabled={pending || (list.queue.length === 0 && !current)} onClick={command('next')}>
                {t('speakers.next')}
              </button>
              <button type="button" disabled={pending || current?.status !== 'speaking'} onClick={command('pause')}>
                {t('speakers.pause')}
              </button>
              <button type="button" disabled={pending || current?.status !== 'paused'} onClick={command('resume')}>
                {t('speakers.resume')}
              </button>
              <button type="button" disabled={pending || !current} onClick={command('end')}>
                {t('speakers.end')}
              </button>
            </div>
          )}

          <h3 id="queue-title">{t('speakers.queue')}</h3>
          {list.queue.length === 0 ? (
            <p>{t('speakers.emptyQueue')}</p>
          ) : (
            <ol className="rows" aria-labelledby="queue-title">
              {list.queue.map((entry) => (
                <QueueEntry
                  key={entry.id}
                  entry={entry}
                  name={nameOf(entry)}
                  canStart={canRun}
                  canWithdraw={canRun || ownDelegations.has(entry.organisationId)}
                  pending={pending}
                  onStart={() => void act(() => giveTheFloor(sessionId, entry.id))}
                  onWithdraw={() => void act(() => withdrawSpeaker(sessionId, entry.id))}
                />
              ))}
            </ol>
          )}

          <h3 id="delegation-time-title">{t('speakers.delegationTime')}</h3>
          {list.delegations.length === 0 ? (
            <p>{t('speakers.noTimeUsed')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('speakers.delegationTime')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('speakers.delegation')}</th>
                  <th scope="col">{t('speakers.used')}</th>
                  <th scope="col">{t('speakers.remaining')}</th>
                </tr>
              </thead>
              <tbody>
                {list.delegations.map((delegation) => {
                  // Only speeches spend a delegation's time.
                  const running = current?.organisationId === delegation.organisationId && current.kind === 'speech' ? sinceAnswer : 0;
                  return (
                    <tr key={delegation.organisationId}>
                      <th scope="row">{nameOf(delegation)}</th>
                      <td>{formatDuration(delegation.usedSeconds + running)}</td>
                      <td>{signedDuration(t, delegation.remainingSeconds === null ? null : delegation.remainingSeconds - running)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
      <FloorRequestForm
        delegations={askable}
        pending={pending}
        onRequest={(organisationId, kind) => act(() => askForTheFloor(sessionId, organisationId, kind))}
      />
    </section>
  );
}

interface QueueEntryProps {
  entry: SpeakerEntry;
  name: string;
  canStart: boolean;
  canWithdraw: boolean;
  pending: boolean;
  onStart(): void;
  onWithdraw(): void;
}

function QueueEntry({ entry, name, canStart, canWithdraw, pending, onStart, onWithdraw }: QueueEntryProps) {
  const { t } = useLanguage();
  return (
    <li className="row">
      <div className="row-main">
        <span className="organisation">{name}</span>{' '}
        {entry.kind === 'point_of_order' && <span className="badge warning">{labelOf(t, 'speakerKind', entry.kind)}</span>}
        {entry.allottedSeconds !== null && <div className="muted">{t('speakers.allotted', { time: formatDuration(entry.allottedSeconds) })}</div>}
      </div>
      {(canStart || canWithdraw) && (
        <div className="actions compact" role="group" aria-label={name}>
          {canStart && (
            <button type="button" disabled={pending} onClick={onStart}>
              {t('speakers.start')}
            </button>
          )}
          {canWithdraw && (
            <button type="button" className="danger" disabled={pending} onClick={onWithdraw}>
              {t('speakers.withdraw')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

interface FloorRequestFormProps {
  delegations: Delegation[];
  pending: boolean;
  /** Resolves to whether the request was accepted. */
  onRequest(organisationId: string, kind: SpeakerEntryKind): Promise<boolean>;
}

/** Puts a delegation on the list, for a speech or a point of order. */
function FloorRequestForm({ delegations, pending, onRequest }: FloorRequestFormProps) {
  const { t } = useLanguage();
  const [chosenId, setChosenId] = useState('');
  const [kind, setKind] = useState<SpeakerEntryKind>('speech');
  const [done, setDone] = useState<string | null>(null);
  const organisationId = delegations.some((delegation) => delegation.organisationId === chosenId) ? chosenId : (delegations[0]?.organisationId ?? '');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!organisationId) return;
    setDone(null);
    if (await onRequest(organisationId, kind)) setDone(t('speakers.requested'));
  };

  return (
    <>
      <h3 id="floor-request-title">{t('speakers.askTitle')}</h3>
      {delegations.length === 0 ? (
        <p className="muted">{t('speakers.noDelegation')}</p>
      ) : (
        <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="floor-request-title">
          {delegations.length > 1 ? (
            <SelectField label={t('speakers.onBehalfOf')} name="organisationId" value={organisationId} onChange={(event) => setChosenId(event.target.value)}>
              {delegations.map((delegation) => (
                <option key={delegation.organisationId} value={delegation.organisationId}>
                  {delegation.name}
                </option>
              ))}
            </SelectField>
          ) : (
            <p>{t('speakers.forDelegation', { organisation: delegations[0].name })}</p>
          )}
          <ChoiceGroup<SpeakerEntryKind>
            legend={t('speakers.kind')}
            name="kind"
            value={kind}
            onChange={setKind}
            options={[
              { value: 'speech', label: labelOf(t, 'speakerKind', 'speech') },
              { value: 'point_of_order', label: labelOf(t, 'speakerKind', 'point_of_order') },
            ]}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={pending}>
              {t('speakers.ask')}
            </button>
          </div>
          <StatusMessage message={done} />
        </form>
      )}
    </>
  );
}
