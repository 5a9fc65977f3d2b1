import { IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
/** Offsets are known from three days before the range to three after: every window bound it can meet lies inside. */
const SAMPLED_MARGIN_MS = 3 * DAY_MS;

/**
 * One time zone's UTC offsets over a range of instants, as constant stretches
 * between transitions. Luxon supplies the offsets; asking it once a day and
 * pinning each change to the minute costs a few dozen lookups per zone, where
 * a luxon DateTime per local time shown costs one each: thousands for the
 * fairness of a call across 200 zones, two per session for an agenda.
 */
export class ZoneClock {
  /** Stretch i has offset offsets[i] (minutes) from starts[i] (UTC ms) until starts[i + 1]. */
  private readonly starts: number[] = [-Infinity];
  private readonly offsets: number[];

  constructor(timeZone: string, fromMs: number, toMs: number) {
    const zone = IANAZone.create(timeZone);
    // Daily samples rely on no zone changing its offset twice within a day: real changes are weeks apart at the closest.
    const firstSample = Math.floor(fromMs / DAY_MS) * DAY_MS - SAMPLED_MARGIN_MS;
    const lastSample = Math.ceil(toMs / DAY_MS) * DAY_MS + SAMPLED_MARGIN_MS;
    let previous = firstSample;
    let offset = zone.offset(previous);
    this.offsets = [offset];
    for (let sample = previous + DAY_MS; sample <= lastSample; sample += DAY_MS) {
      const next = zone.offset(sample);
      if (next !== offset) {
        this.starts.push(firstMinuteWithOffset(zone, previous, sample, next));
        this.offsets.push(next);
        offset = next;
      }
      previous = sample;
    }
  }

  offsetMinutesAt(utcMs: number): number {
    let i = this.starts.length - 1;
    while (this.starts[i] > utcMs) i--;
    return this.offsets[i];
  }

  /** ISO local 'YYYY-MM-DDTHH:mm' of an instant. */
  localDateTime(utcMs: number): string {
    return new Date(utcMs + this.offsetMinutesAt(utcMs) * MINUTE_MS).toISOString().slice(0, 16);
  }

  /**
   * The instant a wall-clock time (given as if it were UTC) occurs. A time
   * repeated when clocks go back is its first occurrence; a time skipped when
   * they go forward is read with the offset before the change, so 02:30 on a
   * spring-forward night becomes 03:30, as luxon does.
   */
  instantOf(wallMs: number): number {
    for (let i = 0; i < this.offsets.length; i++) {
      const utcMs = wallMs - this.offsets[i] * MINUTE_MS;
      const endsAt = i + 1 < this.starts.length ? this.starts[i + 1] : Infinity;
      if (utcMs >= this.starts[i] && utcMs < endsAt) return utcMs;
      if (utcMs >= endsAt && wallMs - this.offsets[i + 1] * MINUTE_MS < endsAt) return utcMs;
    }
    // Unreachable: the stretches cover every instant, and every wall time falls in one or in a skipped hour.
    throw new Error(`No instant in ${this.offsets.join('/')} for ${new Date(wallMs).toISOString()}`);
  }
}

/** The first whole minute in (after, atOrBefore] at which the zone has the given offset. */
function firstMinuteWithOffset(zone: IANAZone, after: number, atOrBefore: number, offset: number): number {
  let low = after;
  let high = atOrBefore;
  while (high - low > MINUTE_MS) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (zone.offset(mid) === offset) high = mid;
    else low = mid;
  }
  return high;
}

/** Clocks already made, by zone and the days they cover: an agenda spans the same days from one request to the next. */
const made = new Map<string, ZoneClock>();
const MAX_CLOCKS = 200;

/** A clock of the zone over [fromMs, toMs], made once per zone and span of days (a clock is never changed). */
export function zoneClock(timeZone: string, fromMs: number, toMs: number): ZoneClock {
  const key = `${timeZone}|${Math.floor(fromMs / DAY_MS)}|${Math.ceil(toMs / DAY_MS)}`;
  let clock = made.get(key);
  if (!clock) {
    clock = new ZoneClock(timeZone, fromMs, toMs);
    if (made.size >= MAX_CLOCKS) made.delete(made.keys().next().value!);
    made.set(key, clock);
  }
  return clock;
}
