import { useState, type FormEvent } from 'react';
import {
  ApiError,
  askForTheFloor,
  extendSpeech,
  giveTheFloor,
  reorderSpeakers,
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
import { floorClock, type FloorClock } from './speakers-clock';
import { useNow, useSpeakersList } from './use-speakers-list';

/** What one press of the chair's "more time" button adds. */
const extensionSeconds = 60;

/** Why the server refused a move on the list: the rule it broke when it says which, else its general explanation. */
function speakersErrorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError && error.code === 'SPEAKERS_LIST') {
    const reason = (error.details as { reason?: unknown } | undefined)?.reason;
    const key = `speakers.refused.${String(reason)}`;
    if (isMessageKey(key)) return t(key);
  }
  return errorMessage(t, error, { SPEAKER_ALREADY_LISTED: 'speakers.alreadyListed', STALE_ORDER: 'speakers.staleOrder' });
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
  /** The session's summit, followed live; null until known. */
  summitId: string | null;
  user: User;
  /** The host side runs the list: gives the floor, pauses, ends, reorders, extends, and may put any delegation taking part on it. */
  canRun: boolean;
  /** The delegations taking part in the summit. */
  participants: Delegation[];
  organisationName(id: string): string | undefined;
}

export function SpeakersListPanel({ sessionId, summitId, user, canRun, participants, organisationName }: SpeakersListPanelProps) {
  const { t } = useLanguage();
  const { speakers, replace } = useSpeakersList(sessionId, summitId);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const now = useNow(1000);

  /** Applies one change to the list and shows the list the server answers with; false when refused. */
  const act = async (change: () => Promise<SpeakersList>): Promise<boolean> => {
    setError(null);
    setPending(true);
    try {
      replace(await change());
      return true;
    } catch (failure) {
      setError(failure);
      // Refused because the list moved on: show it as it stands.
      if (failure instanceof ApiError && failure.status === 409) void speakers.refetch();
      return false;
    } finally {
      setPending(false);
    }
  };

  const received = speakers.data;
  const list = received?.list;
  const current = list?.current ?? null;
  const clock = received ? floorClock(received, now) : null;
  const nameOf = (entry: { organisationId: string; organisationName?: string }) =>
    entry.organisationName || organisationName(entry.organisationId) || t('summit.unknownOrganisation');
  const ownDelegations = new Set(user.memberships.map((membership) => membership.organisationId));
  // One's own delegations first; the host side may also speak up for any delegation taking part.
  const askable: Delegation[] = [
    ...user.memberships.map((membership) => ({ organisationId: membership.organisationId, name: membership.organisationName })),
    ...(canRun ? participants.filter((participant) => !ownDelegations.has(participant.organisationId)) : []),
  ];
  const command = (name: SpeakersCommand) => () => void act(() => runSpeakersList(sessionId, name));
  const queue = list?.queue ?? [];
  const move = (index: number, by: -1 | 1) => {
    const expected = queue.map((entry) => entry.id);
    const order = [...expected];
    [order[index], order[index + by]] = [order[index + by], order[index]];
    void act(() => reorderSpeakers(sessionId, expected, order));
  };

  return (
    <section aria-labelledby="speakers-title">
      <div className="section-heading">
        <h2 id="speakers-title">{t('speakers.title')}</h2>
        <a href={`/sessions/${sessionId}/floor`} target="_blank" rel="noopener">
          {t('speakers.openFloorView')}
        </a>
      </div>
      <ErrorAlert message={speakers.error && !received ? errorMessage(t, speakers.error) : null} />
      <ErrorAlert message={error ? speakersErrorMessage(t, error) : null} />
      {!received && !speakers.error && <p>{t('app.loading')}</p>}
      {list && (
        <>
          {speakers.error !== null && <p className="muted">{t('speakers.stale')}</p>}
          <h3 id="floor-title">{t('speakers.floor')}</h3>
          {current && clock ? (
            <div className="floor card" aria-labelledby="floor-title">
              <p className="floor-speaker" aria-live="polite">
                <span className="organisation">{nameOf(current)}</span>
                {current.speakerName && <span className="muted">{current.speakerName}</span>}
                {current.kind === 'point_of_order' && <span className="badge warning">{labelOf(t, 'speakerKind', current.kind)}</span>}
                {current.status === 'paused' && <span className="badge neutral">{labelOf(t, 'speakerStatus', current.status)}</span>}
              </p>
              <SpeakingClock clock={clock} />
            </div>
          ) : (
            <p>{t('speakers.nobody')}</p>
          )}

          {canRun && (
            <div className="actions toolbar" role="group" aria-label={t('speakers.chairControls')}>
              <button type="button" className="primary" disabled={pending || (queue.length === 0 && !current)} onClick={command('next')}>
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
              <button
                type="button"
                disabled={pending || !current || clock?.limitSeconds === null}
                onClick={() => current && void act(() => extendSpeech(sessionId, current.id, extensionSeconds))}
              >
                {t('speakers.extend')}
              </button>
            </div>
          )}

          <h3 id="queue-title">{t('speakers.queue')}</h3>
          {queue.length === 0 ? (
            <p>{t('speakers.emptyQueue')}</p>
          ) : (
            <ol className="rows" aria-labelledby="queue-title">
              {queue.map((entry, index) => (
                <QueueEntry
                  key={entry.id}
                  entry={entry}
                  name={nameOf(entry)}
                  canRun={canRun}
                  canWithdraw={canRun || ownDelegations.has(entry.organisationId)}
                  // Points of order stay ahead of speeches: a move never crosses between them.
                  canMoveUp={index > 0 && queue[index - 1].kind === entry.kind}
                  canMoveDown={index < queue.length - 1 && queue[index + 1].kind === entry.kind}
                  pending={pending}
                  onStart={() => void act(() => giveTheFloor(sessionId, entry.id))}
                  onWithdraw={() => void act(() => withdrawSpeaker(sessionId, entry.id))}
                  onMove={(by) => move(index, by)}
                />
              ))}
            </ol>
          )}

          {list.past.length > 0 && (
            <details className="past-speakers">
              <summary>{t('speakers.pastCount', { count: list.past.length })}</summary>
              <ol className="rows">
                {list.past.map((entry) => (
                  <li key={entry.id} className="row">
                    <div className="row-main">
                      <span className="organisation">{nameOf(entry)}</span>
                      {entry.speakerName && <span className="muted"> · {entry.speakerName}</span>}{' '}
                      {entry.kind === 'point_of_order' && <span className="badge warning">{labelOf(t, 'speakerKind', entry.kind)}</span>}
                      <div className="muted">{t('speakers.spokeFor', { time: formatDuration(entry.usedSeconds) })}</div>
                    </div>
                  </li>
                ))}
              </ol>
            </details>
          )}

          <h3 id="delegation-time-title">{t('speakers.delegationTime')}</h3>
          {list.delegations.length === 0 ? (
            <p>{t('speakers.noTimeUsed')}</p>
          ) : (
            <div className="table-scroll">
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
                    const running = current?.organisationId === delegation.organisationId && current.kind === 'speech' ? (clock?.sinceAnswer ?? 0) : 0;
                    const remaining = delegation.remainingSeconds === null ? null : delegation.remainingSeconds - running;
                    return (
                      <tr key={delegation.organisationId}>
                        <th scope="row">{nameOf(delegation)}</th>
                        <td>{formatDuration(delegation.usedSeconds + running)}</td>
                        <td className={remaining !== null && remaining < 0 ? 'overrun' : undefined}>{signedDuration(t, remaining)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <FloorRequestForm
        delegations={askable}
        own={ownDelegations}
        waiting={queue}
        pending={pending || !list}
        onRequest={(organisationId, kind) => act(() => askForTheFloor(sessionId, organisationId, kind))}
      />
    </section>
  );
}

/** Elapsed, limit and remaining of the speech holding the floor, from one set of figures. */
export function SpeakingClock({ clock, large = false }: { clock: FloorClock; large?: boolean }) {
  const { t } = useLanguage();
  return (
    <dl className={large ? 'timers large' : 'timers'}>
      <div>
        <dt>{t('speakers.elapsed')}</dt>
        <dd role="timer" className={clock.overTime ? 'overrun' : undefined}>
          {formatDuration(clock.elapsedSeconds)}
        </dd>
      </div>
      <div>
        <dt>{t('speakers.limit')}</dt>
        <dd>{clock.limitSeconds === null ? t('speakers.noLimit') : formatDuration(clock.limitSeconds)}</dd>
      </div>
      {clock.remainingSeconds !== null && (
        <div>
          <dt>{clock.overTime ? t('speakers.overTime') : t('speakers.remaining')}</dt>
          <dd role="timer" className={clock.overTime ? 'overrun' : undefined}>
            {clock.overTime ? `+${formatDuration(clock.remainingSeconds)}` : formatDuration(clock.remainingSeconds)}
          </dd>
        </div>
      )}
      {clock.limitedBy === 'delegation' && <p className="muted timers-note">{t('speakers.limitedByDelegation')}</p>}
    </dl>
  );
}

interface QueueEntryProps {
  entry: SpeakerEntry;
  name: string;
  canRun: boolean;
  canWithdraw: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  pending: boolean;
  onStart(): void;
  onWithdraw(): void;
  onMove(by: -1 | 1): void;
}

function QueueEntry({ entry, name, canRun, canWithdraw, canMoveUp, canMoveDown, pending, onStart, onWithdraw, onMove }: QueueEntryProps) {
  const { t } = useLanguage();
  return (
    <li className="row">
      <div className="row-main">
        <span className="organisation">{name}</span>
        {entry.speakerName && <span className="muted"> · {entry.speakerName}</span>}{' '}
        {entry.kind === 'point_of_order' && <span className="badge warning">{labelOf(t, 'speakerKind', entry.kind)}</span>}
        {entry.allottedSeconds !== null && <div className="muted">{t('speakers.allotted', { time: formatDuration(entry.allottedSeconds) })}</div>}
      </div>
      {(canRun || canWithdraw) && (
        <div className="actions compact" role="group" aria-label={name}>
          {canRun && (
            <>
              <button type="button" disabled={pending} onClick={onStart}>
                {t('speakers.start')}
              </button>
              <button type="button" disabled={pending || !canMoveUp} onClick={() => onMove(-1)} aria-label={t('speakers.moveUpOf', { organisation: name })}>
                ↑
              </button>
              <button type="button" disabled={pending || !canMoveDown} onClick={() => onMove(1)} aria-label={t('speakers.moveDownOf', { organisation: name })}>
                ↓
              </button>
            </>
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
  /** The caller's own delegations. */
  own: Set<string>;
  /** The waiting entries: a delegation waiting for a kind cannot ask for it again. */
  waiting: SpeakerEntry[];
  pending: boolean;
  /** Resolves to whether the request was accepted. */
  onRequest(organisationId: string, kind: SpeakerEntryKind): Promise<boolean>;
}

const kinds: SpeakerEntryKind[] = ['speech', 'point_of_order'];

/** Puts a delegation on the list, for a speech or a point of order it is not already waiting for. */
function FloorRequestForm({ delegations, own, waiting, pending, onRequest }: FloorRequestFormProps) {
  const { t } = useLanguage();
  const [chosenId, setChosenId] = useState('');
  const [chosenKind, setChosenKind] = useState<SpeakerEntryKind>('speech');
  const [done, setDone] = useState<string | null>(null);
  const openKinds = (organisationId: string) => kinds.filter((kind) => !waiting.some((entry) => entry.organisationId === organisationId && entry.kind === kind));
  const open = delegations.filter((delegation) => openKinds(delegation.organisationId).length > 0);
  const listed = delegations.filter((delegation) => waiting.some((entry) => entry.organisationId === delegation.organisationId && entry.kind === 'speech'));
  const organisationId = open.some((delegation) => delegation.organisationId === chosenId) ? chosenId : (open[0]?.organisationId ?? '');
  const available = organisationId ? openKinds(organisationId) : [];
  const kind = available.includes(chosenKind) ? chosenKind : (available[0] ?? 'speech');
  // One's own delegations are told where they stand; the host side sees the whole list above.
  const ownListed = listed.filter((delegation) => own.has(delegation.organisationId));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!organisationId) return;
    setDone(null);
    if (await onRequest(organisationId, kind)) setDone(t('speakers.requested'));
  };

  return (
    <>
      <h3 id="floor-request-title">{t('speakers.askTitle')}</h3>
      {delegations.length === 0 && <p className="muted">{t('speakers.noDelegation')}</p>}
      {ownListed.map((delegation) => {
        const place = waiting.findIndex((entry) => entry.organisationId === delegation.organisationId && entry.kind === 'speech') + 1;
        return (
          <p key={delegation.organisationId} className="notice" role="status">
            {t('speakers.listedAt', { organisation: delegation.name, place: String(place), total: String(waiting.length) })}
          </p>
        );
      })}
      {delegations.length > 0 && open.length === 0 && <p className="muted">{t('speakers.allListed')}</p>}
      {open.length > 0 && (
        <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="floor-request-title">
          {open.length > 1 ? (
            <SelectField label={t('speakers.onBehalfOf')} name="organisationId" value={organisationId} onChange={(event) => setChosenId(event.target.value)}>
              {open.map((delegation) => (
                <option key={delegation.organisationId} value={delegation.organisationId}>
                  {delegation.name}
                </option>
              ))}
            </SelectField>
          ) : (
            <p>{t('speakers.forDelegation', { organisation: open[0].name })}</p>
          )}
          {available.length > 1 ? (
            <ChoiceGroup<SpeakerEntryKind>
              legend={t('speakers.kind')}
              name="kind"
              value={kind}
              onChange={setChosenKind}
              options={available.map((value) => ({ value, label: labelOf(t, 'speakerKind', value) }))}
            />
          ) : (
            <p>{t('speakers.onlyKind', { kind: labelOf(t, 'speakerKind', kind) })}</p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={pending}>
              {kind === 'point_of_order' ? t('speakers.askPointOfOrder') : t('speakers.ask')}
            </button>
          </div>
          <StatusMessage message={done} />
        </form>
      )}
    </>
  );
}
