import { IANAZone } from 'luxon';
import { DAY_MS, MINUTE_MS, ZoneClock } from '../schedule/zone-clock';

/**
 * Fairness of a leaders' call: which start times keep the most delegations
 * within reasonable local hours, and who pays for the rest, at what local time.
 * Pure arithmetic over IANA zones (luxon), so DST transitions inside the range
 * move the local hours of a fixed UTC slot as they do in the capitals.
 */

export interface FairnessDelegation {
  organisationId: string;
  name: string;
  timeZone: string;
}

export interface FairnessRequest {
  delegations: FairnessDelegation[];
  /** 15..720 */
  durationMinutes: number;
  /** First possible start (UTC instant). */
  from: Date;
  /** The meeting must END by this instant. */
  to: Date;
  /** Candidate spacing, default 30; candidates are aligned to multiples of the step in UTC. */
  stepMinutes?: number;
  /** 'HH:mm' local, default '07:00'. */
  reasonableStart?: string;
  /** 'HH:mm' local, default '22:00': the meeting must end by then, on the local day it starts. */
  reasonableEnd?: string;
  /** Number of proposals returned, default 10. */
  limit?: number;
}

export interface LocalTime {
  organisationId: string;
  name: string;
  timeZone: string;
  /** ISO local 'YYYY-MM-DDTHH:mm'. */
  localStart: string;
  localEnd: string;
  reasonable: boolean;
  /** Minutes of the meeting outside the reasonable window, 0 if reasonable. */
  minutesOutside: number;
}

export interface SlotProposal {
  /** ISO UTC. */
  startsAt: string;
  endsAt: string;
  reasonableCount: number;
  /** Summed over delegations, so a zone shared by three delegations counts three times. */
  totalMinutesOutside: number;
  /** The delegations of `local` that are outside their window, in request order. */
  unreasonable: LocalTime[];
  /** Every delegation, in request order. */
  local: LocalTime[];
}

export class FairnessRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FairnessRequestError';
  }
}

const LIMITS = {
  minDurationMinutes: 15,
  maxDurationMinutes: 720,
  maxRangeDays: 31,
  maxDelegations: 300,
  minStepMinutes: 5,
  maxStepMinutes: 1440,
  maxLimit: 1000,
} as const;

const DEFAULTS = { stepMinutes: 30, reasonableStart: '07:00', reasonableEnd: '22:00', limit: 10 } as const;


interface MinuteOfDay {
  hour: number;
  minute: number;
}

interface ValidRequest {
  delegations: FairnessDelegation[];
  durationMs: number;
  fromMs: number;
  toMs: number;
  stepMs: number;
  reasonableStart: MinuteOfDay;
  reasonableEnd: MinuteOfDay;
  limit: number;
}

/**
 * The reasonable windows of one time zone as UTC instants, one per local day
 * around the requested range, so that scoring a candidate is plain arithmetic
 * however many delegations share the zone.
 */
class ZoneWindows {
  /** Flattened [start, end) pairs in UTC milliseconds, ascending and disjoint. */
  private readonly bounds: number[] = [];

  constructor(
    readonly clock: ZoneClock,
    fromMs: number,
    toMs: number,
    start: MinuteOfDay,
    end: MinuteOfDay,
  ) {
    // A day either side covers every local day a meeting in the range can touch, whatever the offset.
    const lastDay = Math.floor(toMs / DAY_MS) * DAY_MS + DAY_MS;
    for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS - DAY_MS; day <= lastDay; day += DAY_MS) {
      // From wall-clock times, not start of day plus minutes, so a DST day's window keeps its local hours.
      const windowStart = clock.instantOf(day + (start.hour * 60 + start.minute) * MINUTE_MS);
      const windowEnd = clock.instantOf(day + (end.hour * 60 + end.minute) * MINUTE_MS);
      if (windowEnd > windowStart) this.bounds.push(windowStart, windowEnd);
    }
  }

  /** Minutes of [startMs, endMs) that fall outside every reasonable window. */
  minutesOutside(startMs: number, endMs: number): number {
    const bounds = this.bounds;
    // First window that ends after the meeting starts.
    let low = 0;
    let high = bounds.length / 2;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (bounds[2 * mid + 1] <= startMs) low = mid + 1;
      else high = mid;
    }
    let insideMs = 0;
    for (let i = low; 2 * i < bounds.length && bounds[2 * i] < endMs; i++) {
      insideMs += Math.min(endMs, bounds[2 * i + 1]) - Math.max(startMs, bounds[2 * i]);
    }
    return Math.round((endMs - startMs - insideMs) / MINUTE_MS);
  }
}

interface ZoneGroup {
  timeZone: string;
  windows: ZoneWindows;
  delegationCount: number;
}

interface ScoredSlot {
  startMs: number;
  reasonableCount: number;
  totalMinutesOutside: number;
}

/**
 * Proposes meeting start times across the range, best first: most delegations
 * within reasonable local hours, then least total minutes outside the windows,
 * then earliest start.
 */
export function proposeSlots(request: FairnessRequest): SlotProposal[] {
  const valid = validate(request);
  const groups = zoneGroups(valid);

  const scored: ScoredSlot[] = [];
  const firstStart = Math.ceil(valid.fromMs / valid.stepMs) * valid.stepMs;
  for (let startMs = firstStart; startMs + valid.durationMs <= valid.toMs; startMs += valid.stepMs) {
    const endMs = startMs + valid.durationMs;
    let reasonableCount = 0;
    let totalMinutesOutside = 0;
    for (const group of groups) {
      const outside = group.windows.minutesOutside(startMs, endMs);
      if (outside === 0) reasonableCount += group.delegationCount;
      else totalMinutesOutside += outside * group.delegationCount;
    }
    scored.push({ startMs, reasonableCount, totalMinutesOutside });
  }

  scored.sort((a, b) => b.reasonableCount - a.reasonableCount || a.totalMinutesOutside - b.totalMinutesOutside || a.startMs - b.startMs);

  return scored.slice(0, valid.limit).map((slot) => toProposal(slot, valid, groups));
}

function zoneGroups(request: ValidRequest): ZoneGroup[] {
  const byZone = new Map<string, ZoneGroup>();
  for (const { timeZone } of request.delegations) {
    const group = byZone.get(timeZone);
    if (group) group.delegationCount++;
    else {
      const clock = new ZoneClock(timeZone, request.fromMs, request.toMs);
      const windows = new ZoneWindows(clock, request.fromMs, request.toMs, request.reasonableStart, request.reasonableEnd);
      byZone.set(timeZone, { timeZone, windows, delegationCount: 1 });
    }
  }
  return [...byZone.values()];
}

function toProposal(slot: ScoredSlot, request: ValidRequest, groups: ZoneGroup[]): SlotProposal {
  const endMs = slot.startMs + request.durationMs;
  const localByZone = new Map<string, Pick<LocalTime, 'localStart' | 'localEnd' | 'minutesOutside'>>();
  for (const { timeZone, windows } of groups) {
    localByZone.set(timeZone, {
      localStart: windows.clock.localDateTime(slot.startMs),
      localEnd: windows.clock.localDateTime(endMs),
      minutesOutside: windows.minutesOutside(slot.startMs, endMs),
    });
  }

  const local = request.delegations.map(({ organisationId, name, timeZone }): LocalTime => {
    const zone = localByZone.get(timeZone)!;
    return { organisationId, name, timeZone, ...zone, reasonable: zone.minutesOutside === 0 };
  });

  return {
    startsAt: new Date(slot.startMs).toISOString(),
    endsAt: new Date(endMs).toISOString(),
    reasonableCount: slot.reasonableCount,
    totalMinutesOutside: slot.totalMinutesOutside,
    unreasonable: local.filter((entry) => !entry.reasonable),
    local,
  };
}

function validate(request: FairnessRequest): ValidRequest {
  const { delegations, durationMinutes, from, to } = request;

  if (!Array.isArray(delegations) || delegations.length === 0) {
    throw new FairnessRequestError('A fairness request needs at least one delegation');
  }
  if (delegations.length > LIMITS.maxDelegations) {
    throw new FairnessRequestError(`A fairness request takes at most ${LIMITS.maxDelegations} delegations, got ${delegations.length}`);
  }
  const seen = new Set<string>();
  // Checking a zone builds an Intl formatter: each distinct zone is checked once, and luxon keeps the zone for later.
  const knownZones = new Set<string>();
  for (const delegation of delegations) {
    if (seen.has(delegation.organisationId)) {
      throw new FairnessRequestError(`Delegation ${delegation.organisationId} (${delegation.name}) is listed more than once`);
    }
    seen.add(delegation.organisationId);
    if (knownZones.has(delegation.timeZone)) continue;
    if (typeof delegation.timeZone !== 'string' || !IANAZone.create(delegation.timeZone).isValid) {
      throw new FairnessRequestError(`Unknown time zone '${delegation.timeZone}' for delegation ${delegation.name}`);
    }
    knownZones.add(delegation.timeZone);
  }

  if (!Number.isInteger(durationMinutes) || durationMinutes < LIMITS.minDurationMinutes || durationMinutes > LIMITS.maxDurationMinutes) {
    throw new FairnessRequestError(`Duration must be a whole number of minutes from ${LIMITS.minDurationMinutes} to ${LIMITS.maxDurationMinutes}, got ${durationMinutes}`);
  }

  const stepMinutes = request.stepMinutes ?? DEFAULTS.stepMinutes;
  if (!Number.isInteger(stepMinutes) || stepMinutes < LIMITS.minStepMinutes || stepMinutes > LIMITS.maxStepMinutes) {
    throw new FairnessRequestError(`Step must be a whole number of minutes from ${LIMITS.minStepMinutes} to ${LIMITS.maxStepMinutes}, got ${stepMinutes}`);
  }

  const limit = request.limit ?? DEFAULTS.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.maxLimit) {
    throw new FairnessRequestError(`Limit must be a whole number from 1 to ${LIMITS.maxLimit}, got ${limit}`);
  }

  const fromMs = instant(from, 'from');
  const toMs = instant(to, 'to');
  const durationMs = durationMinutes * MINUTE_MS;
  if (toMs <= fromMs + durationMs) {
    throw new FairnessRequestError(`'to' (${to.toISOString()}) must be after 'from' (${from.toISOString()}) plus the ${durationMinutes}-minute duration`);
  }
  if (toMs - fromMs > LIMITS.maxRangeDays * DAY_MS) {
    throw new FairnessRequestError(`The range from 'from' to 'to' may span at most ${LIMITS.maxRangeDays} days`);
  }

  const startText = request.reasonableStart ?? DEFAULTS.reasonableStart;
  const endText = request.reasonableEnd ?? DEFAULTS.reasonableEnd;
  const reasonableStart = minuteOfDay(startText, 'reasonableStart');
  const reasonableEnd = minuteOfDay(endText, 'reasonableEnd');
  if (reasonableEnd.hour * 60 + reasonableEnd.minute <= reasonableStart.hour * 60 + reasonableStart.minute) {
    throw new FairnessRequestError(`reasonableEnd (${endText}) must be after reasonableStart (${startText}) on the same day`);
  }

  return { delegations, durationMs, fromMs, toMs, stepMs: stepMinutes * MINUTE_MS, reasonableStart, reasonableEnd, limit };
}

function instant(value: Date, field: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new FairnessRequestError(`'${field}' must be a valid date`);
  return ms;
}

function minuteOfDay(value: string, field: string): MinuteOfDay {
  const match = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  if (!match) throw new FairnessRequestError(`${field} must be a local time 'HH:mm' from 00:00 to 23:59, got '${value}'`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}
