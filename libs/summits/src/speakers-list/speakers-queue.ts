// The speakers list of one session, as the chair runs it: who asked for the
// floor, in which order they speak, who holds the floor now and how much
// speaking time each speaker and each delegation has used. Pure functions over
// plain entries, so the service loads a session's entries, applies one
// operation and saves only the entries it returns.

export type SpeakerEntryKind = 'speech' | 'point_of_order';
export type SpeakerEntryStatus = 'waiting' | 'speaking' | 'paused' | 'done' | 'withdrawn';
export type SpeakersOrder = 'protocol' | 'request_time';

export interface SpeakerEntry {
  id: string;
  organisationId: string;
  userId: string | null;
  kind: SpeakerEntryKind;
  status: SpeakerEntryStatus;
  requestedAt: Date;
  /** Lower speaks first (heads of state before ministers, …); null ranks after every number. */
  protocolRank: number | null;
  /** Speaking-time budget of this speech; null = unlimited. */
  allottedSeconds: number | null;
  /** Time the chair added to this speech, beyond its allotted time and its delegation's budget. */
  extendedSeconds: number;
  /** The place the chair gave it in the queue; null until the chair reorders, and for requests made after. */
  position: number | null;
  /** Time spoken before the current run. */
  usedSeconds: number;
  /** Set while status === 'speaking'. */
  runningSince: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface SpeakersPolicy {
  order: SpeakersOrder;
  /** Total speaking time of each delegation in the session; null = unlimited. */
  delegationBudgetSeconds: number | null;
}

export type SpeakersListErrorCode =
  | 'NOT_WAITING'
  | 'ALREADY_SPEAKING'
  | 'NOT_SPEAKING'
  | 'NOT_PAUSED'
  | 'DELEGATION_BUDGET_EXHAUSTED'
  | 'NOT_FOUND'
  | 'STALE_ORDER'
  | 'INVALID_ORDER'
  | 'NO_TIME_LIMIT'
  | 'EXTENSION_TOO_LONG';

/** The most time the chair may add to one speech, over every extension. */
export const MAX_EXTENSION_SECONDS = 3600;

export class SpeakersListError extends Error {
  constructor(
    readonly code: SpeakersListErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SpeakersListError';
  }
}

/** What bounds the speech holding the floor: its own allotted time, its delegation's budget, or nothing. */
export type SpeakingLimit = 'speech' | 'delegation' | null;

export type CurrentSpeaker = SpeakerEntry & {
  elapsedSeconds: number;
  /** Time left before the first limit is reached (the speech's, or its delegation's); negative when overrunning; null when unlimited. */
  remainingSeconds: number | null;
  /** Elapsed plus remaining: the moment, in speaking time, at which the speaker overruns. */
  limitSeconds: number | null;
  limitedBy: SpeakingLimit;
};

export interface DelegationSpeakingTime {
  organisationId: string;
  usedSeconds: number;
  /** Budget minus used; negative when a running speech overruns it; null when unlimited. */
  remainingSeconds: number | null;
}

export interface SpeakersListSummary {
  current: CurrentSpeaker | null;
  queue: SpeakerEntry[];
  /** Those who have spoken, in the order they finished. */
  past: SpeakerEntry[];
  delegations: DelegationSpeakingTime[];
}

function byRequestTime(a: SpeakerEntry, b: SpeakerEntry): number {
  return a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function byProtocolRank(a: SpeakerEntry, b: SpeakerEntry): number {
  if (a.protocolRank === b.protocolRank) return 0;
  if (a.protocolRank === null) return 1;
  if (b.protocolRank === null) return -1;
  return a.protocolRank - b.protocolRank;
}

/** The chair's order first; entries the chair has not placed follow, in their usual order. */
function byPosition(a: SpeakerEntry, b: SpeakerEntry): number {
  if (a.position === b.position) return 0;
  if (a.position === null) return 1;
  if (b.position === null) return -1;
  return a.position - b.position;
}

/**
 * Waiting entries in speaking order: points of order first, then speeches by
 * the session's order. Once the chair reorders the list, the places they gave
 * come first in each group, and later requests join the end of their group.
 */
export function queue(entries: SpeakerEntry[], policy: SpeakersPolicy): SpeakerEntry[] {
  const waiting = entries.filter((entry) => entry.status === 'waiting');
  const pointsOfOrder = waiting.filter((entry) => entry.kind === 'point_of_order').sort((a, b) => byPosition(a, b) || byRequestTime(a, b));
  const speeches = waiting
    .filter((entry) => entry.kind === 'speech')
    .sort((a, b) => byPosition(a, b) || (policy.order === 'protocol' ? byProtocolRank(a, b) : 0) || byRequestTime(a, b));
  return [...pointsOfOrder, ...speeches];
}

/**
 * Paused entries in the order they get the floor back: a paused point of order
 * before the speech it interrupted, then the most recently started.
 */
function pausedInResumeOrder(entries: SpeakerEntry[]): SpeakerEntry[] {
  const kindRank = (entry: SpeakerEntry) => (entry.kind === 'point_of_order' ? 0 : 1);
  return entries
    .filter((entry) => entry.status === 'paused')
    .sort((a, b) => kindRank(a) - kindRank(b) || (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0) || byRequestTime(a, b));
}

/**
 * The entry holding the floor: the one speaking, else the paused one that
 * would resume. While a point of order runs, the speech it interrupted waits
 * paused behind it, so speaking takes precedence.
 */
export function current(entries: SpeakerEntry[]): SpeakerEntry | null {
  return entries.find((entry) => entry.status === 'speaking') ?? pausedInResumeOrder(entries)[0] ?? null;
}

/** Time spoken so far, in whole seconds, including the run in progress. */
export function elapsedSeconds(entry: SpeakerEntry, now: Date): number {
  if (entry.status !== 'speaking' || !entry.runningSince) return entry.usedSeconds;
  return entry.usedSeconds + Math.max(0, Math.floor((now.getTime() - entry.runningSince.getTime()) / 1000));
}

/** Allotted (with the chair's extensions) minus elapsed; negative when the speaker overruns; null when unlimited. */
export function remainingSeconds(entry: SpeakerEntry, now: Date): number | null {
  return entry.allottedSeconds === null ? null : entry.allottedSeconds + entry.extendedSeconds - elapsedSeconds(entry, now);
}

/**
 * Speaking time a delegation has used in the session. Only speeches count:
 * points of order are procedural and never spend the delegation's budget.
 */
export function delegationUsedSeconds(entries: SpeakerEntry[], organisationId: string, now: Date): number {
  return entries
    .filter((entry) => entry.organisationId === organisationId && entry.kind === 'speech')
    .reduce((total, entry) => total + elapsedSeconds(entry, now), 0);
}

/**
 * The delegation's budget, with the time the chair added to its speeches,
 * minus the time it used: negative when a running speech overruns it; null
 * when the session sets no budget.
 */
export function delegationRemainingSeconds(entries: SpeakerEntry[], organisationId: string, policy: SpeakersPolicy, now: Date): number | null {
  if (policy.delegationBudgetSeconds === null) return null;
  const extended = entries
    .filter((entry) => entry.organisationId === organisationId && entry.kind === 'speech')
    .reduce((total, entry) => total + entry.extendedSeconds, 0);
  return policy.delegationBudgetSeconds + extended - delegationUsedSeconds(entries, organisationId, now);
}

/**
 * The time left to the speech holding the floor, and what bounds it: the
 * sooner of its own allotted time and its delegation's budget (points of
 * order spend no budget).
 */
export function speakingLimit(entries: SpeakerEntry[], entry: SpeakerEntry, policy: SpeakersPolicy, now: Date): { remainingSeconds: number | null; limitedBy: SpeakingLimit } {
  const own = remainingSeconds(entry, now);
  const delegation = entry.kind === 'speech' ? delegationRemainingSeconds(entries, entry.organisationId, policy, now) : null;
  if (delegation !== null && (own === null || delegation < own)) return { remainingSeconds: delegation, limitedBy: 'delegation' };
  return own === null ? { remainingSeconds: null, limitedBy: null } : { remainingSeconds: own, limitedBy: 'speech' };
}

function budgetExhausted(entries: SpeakerEntry[], entry: SpeakerEntry, policy: SpeakersPolicy, now: Date): boolean {
  if (entry.kind !== 'speech') return false;
  const remaining = delegationRemainingSeconds(entries, entry.organisationId, policy, now);
  return remaining !== null && remaining <= 0;
}

function find(entries: SpeakerEntry[], id: string): SpeakerEntry {
  const entry = entries.find((candidate) => candidate.id === id);
  if (!entry) throw new SpeakersListError('NOT_FOUND', `No entry ${id} on this speakers list`);
  return entry;
}

function begun(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'speaking', runningSince: now, startedAt: entry.startedAt ?? now, endedAt: null };
}

function paused(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'paused', usedSeconds: elapsedSeconds(entry, now), runningSince: null };
}

function resumed(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'speaking', runningSince: now };
}

function ended(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'done', usedSeconds: elapsedSeconds(entry, now), runningSince: null, endedAt: now };
}

/** The entries as they stand after the changed ones replace their originals. */
function applied(entries: SpeakerEntry[], changed: SpeakerEntry[]): SpeakerEntry[] {
  const byId = new Map(changed.map((entry) => [entry.id, entry]));
  return entries.map((entry) => byId.get(entry.id) ?? entry);
}

/**
 * Gives the floor to a waiting entry. A speech ends whoever is speaking or
 * paused. A point of order interrupts: a running speech is paused so it can
 * resume afterwards, a running point of order is ended, and paused entries
 * stay paused. Returns only the changed entries.
 */
export function start(entries: SpeakerEntry[], id: string, policy: SpeakersPolicy, now: Date): SpeakerEntry[] {
  const entry = find(entries, id);
  if (entry.status !== 'waiting') throw new SpeakersListError('NOT_WAITING', `Entry ${id} is not waiting for the floor`);
  if (budgetExhausted(entries, entry, policy, now)) {
    throw new SpeakersListError('DELEGATION_BUDGET_EXHAUSTED', `Delegation ${entry.organisationId} has used its speaking time for this session`);
  }

  const displaced = entries.flatMap((other): SpeakerEntry[] => {
    if (other.status !== 'speaking' && other.status !== 'paused') return [];
    if (entry.kind === 'speech') return [ended(other, now)];
    if (other.status === 'paused') return [];
    return [other.kind === 'speech' ? paused(other, now) : ended(other, now)];
  });
  return [...displaced, begun(entry, now)];
}

/**
 * Ends whoever holds the floor and gives it to the next speaker: first a
 * speech that a point of order interrupted, else the head of the queue.
 * Speeches of delegations with no time left are passed over and stay waiting,
 * so the chair can still withdraw them. Returns only the changed entries.
 */
export function next(entries: SpeakerEntry[], policy: SpeakersPolicy, now: Date): SpeakerEntry[] {
  const holder = current(entries);
  const closed = holder ? [ended(holder, now)] : [];
  const after = applied(entries, closed);

  const interrupted = pausedInResumeOrder(after)[0];
  if (interrupted) return [...closed, resumed(interrupted, now)];

  const head = queue(after, policy).find((entry) => !budgetExhausted(after, entry, policy, now));
  return head ? [...closed, begun(head, now)] : closed;
}

/** Stops the clock of the entry speaking; the time spoken so far is kept. */
export function pause(entries: SpeakerEntry[], now: Date): SpeakerEntry[] {
  const speaking = entries.find((entry) => entry.status === 'speaking');
  if (!speaking) throw new SpeakersListError('NOT_SPEAKING', 'Nobody is speaking');
  return [paused(speaking, now)];
}

/** Restarts the clock of the paused entry; refused while someone else speaks. */
export function resume(entries: SpeakerEntry[], now: Date): SpeakerEntry[] {
  const speaking = entries.find((entry) => entry.status === 'speaking');
  if (speaking) throw new SpeakersListError('ALREADY_SPEAKING', `Entry ${speaking.id} is speaking`);
  const held = pausedInResumeOrder(entries)[0];
  if (!held) throw new SpeakersListError('NOT_PAUSED', 'No speech is paused');
  return [resumed(held, now)];
}

/**
 * Ends the entry holding the floor, recording the time it used. A speech
 * interrupted by that entry stays paused until resumed or `next`.
 */
export function end(entries: SpeakerEntry[], now: Date): SpeakerEntry[] {
  const holder = current(entries);
  if (!holder) throw new SpeakersListError('NOT_SPEAKING', 'Nobody holds the floor');
  return [ended(holder, now)];
}

/** Takes a waiting entry off the list; endedAt records when it left. */
export function withdraw(entries: SpeakerEntry[], id: string, now: Date): SpeakerEntry[] {
  const entry = find(entries, id);
  if (entry.status !== 'waiting') throw new SpeakersListError('NOT_WAITING', `Entry ${id} is not waiting for the floor`);
  return [{ ...entry, status: 'withdrawn', endedAt: now }];
}

/**
 * Puts the waiting entries in the chair's order. `expected` is the queue as
 * the chair saw it: when the list has changed since (a request, a withdrawal,
 * another chair's move), the order is refused as stale. Points of order stay
 * ahead of speeches. Returns only the changed entries.
 */
export function reorder(entries: SpeakerEntry[], expected: readonly string[], order: readonly string[], policy: SpeakersPolicy): SpeakerEntry[] {
  const waiting = queue(entries, policy);
  if (waiting.length !== expected.length || waiting.some((entry, index) => entry.id !== expected[index])) {
    throw new SpeakersListError('STALE_ORDER', 'The list has changed since it was read');
  }
  const byId = new Map(waiting.map((entry) => [entry.id, entry]));
  const placed = order.map((id) => byId.get(id));
  if (order.length !== waiting.length || new Set(order).size !== order.length || placed.some((entry) => entry === undefined)) {
    throw new SpeakersListError('INVALID_ORDER', 'The order must name every waiting entry once');
  }
  const kinds = (placed as SpeakerEntry[]).map((entry) => entry.kind);
  if (kinds.lastIndexOf('point_of_order') > kinds.indexOf('speech') && kinds.includes('speech')) {
    throw new SpeakersListError('INVALID_ORDER', 'Points of order come before speeches');
  }
  return (placed as SpeakerEntry[]).flatMap((entry, index) => (entry.position === index ? [] : [{ ...entry, position: index }]));
}

/**
 * Gives the speech holding the floor more time; it counts beyond the
 * delegation's budget too. Refused for a speech without any limit, and past
 * MAX_EXTENSION_SECONDS in all. Returns only the changed entry.
 */
export function extend(entries: SpeakerEntry[], id: string, extraSeconds: number, policy: SpeakersPolicy, now: Date): SpeakerEntry[] {
  const entry = find(entries, id);
  if (current(entries)?.id !== entry.id) throw new SpeakersListError('NOT_SPEAKING', `Entry ${id} does not hold the floor`);
  if (speakingLimit(entries, entry, policy, now).limitedBy === null) throw new SpeakersListError('NO_TIME_LIMIT', 'This speech has no time limit');
  if (entry.extendedSeconds + extraSeconds > MAX_EXTENSION_SECONDS) {
    throw new SpeakersListError('EXTENSION_TOO_LONG', `A speech may be extended by ${MAX_EXTENSION_SECONDS} seconds at most`);
  }
  return [{ ...entry, extendedSeconds: entry.extendedSeconds + extraSeconds }];
}

/**
 * What the chair's screen shows: the entry holding the floor with its clock,
 * the queue, and the time of every delegation on the list, in the order they
 * first asked for the floor.
 */
export function summary(entries: SpeakerEntry[], policy: SpeakersPolicy, now: Date): SpeakersListSummary {
  const holder = current(entries);
  const organisationIds = [...new Set([...entries].sort(byRequestTime).map((entry) => entry.organisationId))];
  let floor: CurrentSpeaker | null = null;
  if (holder) {
    const elapsed = elapsedSeconds(holder, now);
    const limit = speakingLimit(entries, holder, policy, now);
    floor = { ...holder, elapsedSeconds: elapsed, ...limit, limitSeconds: limit.remainingSeconds === null ? null : elapsed + limit.remainingSeconds };
  }
  const endedAt = (entry: SpeakerEntry) => entry.endedAt?.getTime() ?? 0;
  return {
    current: floor,
    queue: queue(entries, policy),
    past: entries.filter((entry) => entry.status === 'done').sort((a, b) => endedAt(a) - endedAt(b) || byRequestTime(a, b)),
    delegations: organisationIds.map((organisationId) => ({
      organisationId,
      usedSeconds: delegationUsedSeconds(entries, organisationId, now),
      remainingSeconds: delegationRemainingSeconds(entries, organisationId, policy, now),
    })),
  };
}
