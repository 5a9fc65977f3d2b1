import { DateTime, IANAZone } from 'luxon';
import { FairnessDelegation, FairnessRequest, FairnessRequestError, proposeSlots, SlotProposal } from './fairness';

const PARIS: FairnessDelegation = { organisationId: 'org-fr', name: 'France', timeZone: 'Europe/Paris' };
const DAKAR: FairnessDelegation = { organisationId: 'org-sn', name: 'Senegal', timeZone: 'Africa/Dakar' };
const WELLINGTON: FairnessDelegation = { organisationId: 'org-nz', name: 'New Zealand', timeZone: 'Pacific/Auckland' };
const WASHINGTON: FairnessDelegation = { organisationId: 'org-us', name: 'United States', timeZone: 'America/New_York' };
const TOKYO: FairnessDelegation = { organisationId: 'org-jp', name: 'Japan', timeZone: 'Asia/Tokyo' };
const ACCRA: FairnessDelegation = { organisationId: 'org-gh', name: 'Ghana', timeZone: 'Africa/Accra' };

function utc(iso: string): Date {
  return new Date(iso);
}

function request(overrides: Partial<FairnessRequest> = {}): FairnessRequest {
  return { delegations: [PARIS, DAKAR], durationMinutes: 60, from: utc('2026-01-12T00:00:00Z'), to: utc('2026-01-13T00:00:00Z'), ...overrides };
}

/** The one proposal for a meeting starting exactly at `startsAt`: the range leaves room for no other candidate. */
function slotAt(delegations: FairnessDelegation[], startsAt: string, durationMinutes: number, overrides: Partial<FairnessRequest> = {}): SlotProposal {
  const from = utc(startsAt);
  const to = new Date(from.getTime() + (durationMinutes + 1) * 60_000);
  const proposals = proposeSlots({ delegations, durationMinutes, from, to, ...overrides });
  expect(proposals.map((proposal) => proposal.startsAt)).toEqual([from.toISOString()]);
  return proposals[0];
}

function localOf(proposal: SlotProposal, delegation: FairnessDelegation) {
  return proposal.local.find((entry) => entry.organisationId === delegation.organisationId);
}

/** Every proposal for a single-delegation request over the range, keyed by start. */
function allSlotsByStart(delegation: FairnessDelegation, from: string, to: string, durationMinutes = 60): Map<string, SlotProposal> {
  const proposals = proposeSlots({ delegations: [delegation], durationMinutes, from: utc(from), to: utc(to), stepMinutes: 30, limit: 1000 });
  return new Map(proposals.map((proposal) => [proposal.startsAt, proposal]));
}

describe(proposeSlots.name, () => {
  it('finds a slot reasonable for both Paris and Dakar, at the earliest hour both are up', () => {
    const [best] = proposeSlots(request());

    // January: Paris is UTC+1, Dakar UTC+0. Paris opens at 06:00Z and Dakar at 07:00Z, so 07:00Z is the first start fair to both.
    expect(best).toEqual({
      startsAt: '2026-01-12T07:00:00.000Z',
      endsAt: '2026-01-12T08:00:00.000Z',
      reasonableCount: 2,
      totalMinutesOutside: 0,
      unreasonable: [],
      local: [
        { ...PARIS, localStart: '2026-01-12T08:00', localEnd: '2026-01-12T09:00', reasonable: true, minutesOutside: 0 },
        { ...DAKAR, localStart: '2026-01-12T07:00', localEnd: '2026-01-12T08:00', reasonable: true, minutesOutside: 0 },
      ],
    });
  });

  it('names who is outside reasonable hours in Wellington, Washington and Paris, and at what local time', () => {
    const proposals = proposeSlots({ delegations: [WELLINGTON, WASHINGTON, PARIS], durationMinutes: 120, from: utc('2026-06-15T00:00:00Z'), to: utc('2026-06-16T00:00:00Z') });

    // June: Wellington is NZST (UTC+12), Washington EDT (UTC-4), Paris CEST (UTC+2). The 07:00-22:00 windows in UTC are
    // Wellington 19:00Z-10:00Z(+1), Washington 11:00Z-02:00Z(+1), Paris 05:00Z-20:00Z. All three overlap only 19:00Z-20:00Z,
    // too short for two hours, so someone pays at least an hour. Two starts cost exactly one hour:
    //   18:00Z: Wellington 06:00-08:00 on the 16th (06:00-07:00 outside), Washington 14:00-16:00, Paris 20:00-22:00.
    //   19:00Z: Wellington 07:00-09:00, Washington 15:00-17:00, Paris 21:00-23:00 (22:00-23:00 outside).
    // Paris with Wellington (05:00Z-10:00Z) would leave Washington before 06:00 for the whole meeting.
    const [best, second] = proposals;
    expect(best.startsAt).toBe('2026-06-15T18:00:00.000Z');
    expect(best.endsAt).toBe('2026-06-15T20:00:00.000Z');
    expect(best.reasonableCount).toBe(2);
    expect(best.totalMinutesOutside).toBe(60);
    expect(best.unreasonable).toEqual([{ ...WELLINGTON, localStart: '2026-06-16T06:00', localEnd: '2026-06-16T08:00', reasonable: false, minutesOutside: 60 }]);
    expect(localOf(best, WASHINGTON)).toMatchObject({ localStart: '2026-06-15T14:00', localEnd: '2026-06-15T16:00', reasonable: true });
    expect(localOf(best, PARIS)).toMatchObject({ localStart: '2026-06-15T20:00', localEnd: '2026-06-15T22:00', reasonable: true, minutesOutside: 0 });

    expect(second.startsAt).toBe('2026-06-15T19:00:00.000Z');
    expect(second.unreasonable).toEqual([{ ...PARIS, localStart: '2026-06-15T21:00', localEnd: '2026-06-15T23:00', reasonable: false, minutesOutside: 60 }]);
  });

  it('lists every delegation in request order under local, and only those outside their hours under unreasonable', () => {
    const [best] = proposeSlots({ delegations: [PARIS, WELLINGTON, WASHINGTON], durationMinutes: 120, from: utc('2026-06-15T00:00:00Z'), to: utc('2026-06-16T00:00:00Z') });

    expect(best.local.map((entry) => entry.organisationId)).toEqual([PARIS.organisationId, WELLINGTON.organisationId, WASHINGTON.organisationId]);
    expect(best.unreasonable.map((entry) => entry.organisationId)).toEqual([WELLINGTON.organisationId]);
  });

  describe('ranking', () => {
    it('puts fully reasonable slots first in time order, then the least time outside, earliest first on ties', () => {
      // Accra is UTC+0 all year, so local and UTC hours coincide.
      const proposals = proposeSlots({ delegations: [ACCRA], durationMinutes: 60, from: utc('2026-01-12T00:00:00Z'), to: utc('2026-01-13T00:00:00Z'), limit: 35 });

      const reasonableStarts = [];
      for (let minutes = 7 * 60; minutes <= 21 * 60; minutes += 30) reasonableStarts.push(new Date(Date.UTC(2026, 0, 12, 0, minutes)).toISOString());
      expect(proposals.slice(0, 29).map((proposal) => proposal.startsAt)).toEqual(reasonableStarts);
      expect(proposals.slice(29).map((proposal) => [proposal.startsAt.slice(11, 16), proposal.totalMinutesOutside])).toEqual([
        ['06:30', 30],
        ['21:30', 30],
        // Every other start is wholly outside: a tie at 60 minutes, so the earliest comes first.
        ['00:00', 60],
        ['00:30', 60],
        ['01:00', 60],
        ['01:30', 60],
      ]);
    });

    it('prefers more delegations at reasonable hours over less total time outside', () => {
      const proposals = proposeSlots({ delegations: [WELLINGTON, WASHINGTON, PARIS], durationMinutes: 120, from: utc('2026-06-15T00:00:00Z'), to: utc('2026-06-16T00:00:00Z'), limit: 1000 });

      // 18:30Z leaves Wellington and Paris each only 30 minutes outside (60 in all) but loses two delegations.
      const at1830 = proposals.findIndex((proposal) => proposal.startsAt === '2026-06-15T18:30:00.000Z');
      expect(proposals[at1830]).toMatchObject({ reasonableCount: 1, totalMinutesOutside: 60 });
      const worseButFairer = proposals.findIndex((proposal) => proposal.reasonableCount === 2 && proposal.totalMinutesOutside > 60);
      expect(worseButFairer).toBeGreaterThanOrEqual(0);
      expect(worseButFairer).toBeLessThan(at1830);
    });

    it('returns proposals in ranking order throughout', () => {
      const proposals = proposeSlots({ delegations: [WELLINGTON, WASHINGTON, PARIS, TOKYO, DAKAR], durationMinutes: 90, from: utc('2026-03-01T00:00:00Z'), to: utc('2026-03-15T00:00:00Z'), limit: 1000 });

      expect(proposals.length).toBeGreaterThan(600);
      for (let i = 1; i < proposals.length; i++) {
        const [previous, current] = [proposals[i - 1], proposals[i]];
        const order =
          current.reasonableCount - previous.reasonableCount ||
          previous.totalMinutesOutside - current.totalMinutesOutside ||
          Date.parse(previous.startsAt) - Date.parse(current.startsAt);
        expect(order).toBeLessThan(0);
      }
    });

    it('counts every delegation of a shared time zone in reasonableCount and totalMinutesOutside', () => {
      const parisians = [1, 2, 3].map((n): FairnessDelegation => ({ organisationId: `org-eu-${n}`, name: `European ${n}`, timeZone: 'Europe/Paris' }));

      const proposal = slotAt([...parisians, WELLINGTON], '2026-06-15T19:00:00Z', 120);

      // Paris runs 21:00-23:00 CEST, an hour outside for each of three; Wellington 07:00-09:00 NZST is fine.
      expect(proposal.reasonableCount).toBe(1);
      expect(proposal.totalMinutesOutside).toBe(180);
      expect(proposal.unreasonable.map((entry) => entry.organisationId)).toEqual(parisians.map((entry) => entry.organisationId));
    });

    it('returns 10 proposals unless told otherwise, and never more than the limit', () => {
      expect(proposeSlots(request())).toHaveLength(10);
      expect(proposeSlots(request({ limit: 3 }))).toHaveLength(3);
    });
  });

  describe('candidates', () => {
    it('aligns starts to multiples of the step in UTC and ends every meeting by the end of the range', () => {
      const everyHour = { delegations: [ACCRA], reasonableStart: '00:00', reasonableEnd: '23:59', limit: 1000 };

      const threeQuarters = proposeSlots({ ...everyHour, durationMinutes: 60, from: utc('2026-01-12T00:10:00Z'), to: utc('2026-01-12T04:00:00Z'), stepMinutes: 45 });
      expect(threeQuarters.map((proposal) => proposal.startsAt.slice(11, 16))).toEqual(['00:45', '01:30', '02:15', '03:00']);

      const halfHours = proposeSlots({ ...everyHour, durationMinutes: 60, from: utc('2026-01-12T07:10:00Z'), to: utc('2026-01-12T09:15:00Z') });
      expect(halfHours.map((proposal) => `${proposal.startsAt.slice(11, 16)}-${proposal.endsAt.slice(11, 16)}`)).toEqual(['07:30-08:30', '08:00-09:00']);
    });
  });

  describe('daylight saving time', () => {
    it('moves Paris local hours of the same UTC slot by one hour across 2026-03-29', () => {
      const slots = allSlotsByStart(PARIS, '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z');

      // CET (UTC+1) before the change, CEST (UTC+2) after.
      expect(localOf(slots.get('2026-03-28T12:00:00.000Z')!, PARIS)).toMatchObject({ localStart: '2026-03-28T13:00', localEnd: '2026-03-28T14:00' });
      expect(localOf(slots.get('2026-03-30T12:00:00.000Z')!, PARIS)).toMatchObject({ localStart: '2026-03-30T14:00', localEnd: '2026-03-30T15:00' });
      // The window follows local time: 20:00Z ends at 22:00 CET before the change, but at 23:00 CEST after.
      expect(localOf(slots.get('2026-03-28T20:00:00.000Z')!, PARIS)).toMatchObject({ localEnd: '2026-03-28T22:00', reasonable: true, minutesOutside: 0 });
      expect(localOf(slots.get('2026-03-30T20:00:00.000Z')!, PARIS)).toMatchObject({ localEnd: '2026-03-30T23:00', reasonable: false, minutesOutside: 60 });
    });

    it('moves Washington local hours of the same UTC slot by one hour across 2026-03-08', () => {
      const slots = allSlotsByStart(WASHINGTON, '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z');

      // EST (UTC-5) before the change, EDT (UTC-4) after: 11:30Z is 06:30 on the 7th, 07:30 on the 9th.
      expect(localOf(slots.get('2026-03-07T11:30:00.000Z')!, WASHINGTON)).toMatchObject({ localStart: '2026-03-07T06:30', reasonable: false, minutesOutside: 30 });
      expect(localOf(slots.get('2026-03-09T11:30:00.000Z')!, WASHINGTON)).toMatchObject({ localStart: '2026-03-09T07:30', reasonable: true, minutesOutside: 0 });
    });

    it('agrees with luxon on local times and minutes outside in zones with unusual offsets and transitions', () => {
      // Between 10 March and 10 April 2026: Casablanca leaves its Ramadan offset, Paris and Beirut (at midnight) spring
      // forward, Santiago, Lord Howe (by half an hour), Chatham and Auckland fall back; Kathmandu is +05:45 throughout.
      const zones = ['Africa/Casablanca', 'Europe/Paris', 'Asia/Beirut', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Auckland', 'Asia/Kathmandu'];
      const delegations = zones.map((timeZone, i): FairnessDelegation => ({ organisationId: `org-${i}`, name: timeZone, timeZone }));
      const durationMinutes = 150;

      const proposals = proposeSlots({ delegations, durationMinutes, from: utc('2026-03-10T00:00:00Z'), to: utc('2026-04-10T00:00:00Z'), stepMinutes: 60, limit: 1000 });

      expect(proposals).toHaveLength(31 * 24 - 2);
      // Luxon's own 07:00-22:00 window of a local day, built from wall-clock times, as epoch-millisecond pairs.
      const windows = new Map<string, [number, number]>();
      const windowOf = (day: DateTime): [number, number] => {
        const key = `${day.zoneName} ${day.toISODate()}`;
        if (!windows.has(key)) windows.set(key, [+day.set({ hour: 7, minute: 0 }), +day.set({ hour: 22, minute: 0 })]);
        return windows.get(key)!;
      };
      const disagreements = [];
      for (const proposal of proposals) {
        const start = Date.parse(proposal.startsAt);
        const end = start + durationMinutes * 60_000;
        for (const entry of proposal.local) {
          const localStart = DateTime.fromMillis(start, { zone: entry.timeZone });
          const localEnd = DateTime.fromMillis(end, { zone: entry.timeZone });
          const days = new Set([localStart.minus({ days: 1 }), localStart, localEnd].map(windowOf));
          const insideMinutes = [...days].reduce((sum, [open, close]) => sum + Math.max(0, Math.min(end, close) - Math.max(start, open)) / 60_000, 0);
          const expected = {
            localStart: localStart.toFormat("yyyy-MM-dd'T'HH:mm"),
            localEnd: localEnd.toFormat("yyyy-MM-dd'T'HH:mm"),
            minutesOutside: durationMinutes - insideMinutes,
            reasonable: insideMinutes === durationMinutes,
          };
          const actual = { localStart: entry.localStart, localEnd: entry.localEnd, minutesOutside: entry.minutesOutside, reasonable: entry.reasonable };
          if (JSON.stringify(actual) !== JSON.stringify(expected)) disagreements.push({ startsAt: proposal.startsAt, timeZone: entry.timeZone, actual, expected });
        }
      }
      expect(disagreements).toEqual([]);
    });

    it('opens a window whose start the clocks skip at the first local time after the jump, as luxon does', () => {
      // 2026-03-29 in Paris: 02:00 CET jumps to 03:00 CEST, so there is no 02:30 and the window opens at 03:30 CEST (01:30Z).
      const early = slotAt([PARIS], '2026-03-29T01:00:00Z', 60, { reasonableStart: '02:30' });
      const onTime = slotAt([PARIS], '2026-03-29T01:30:00Z', 60, { reasonableStart: '02:30' });

      expect(localOf(early, PARIS)).toMatchObject({ localStart: '2026-03-29T03:00', reasonable: false, minutesOutside: 30 });
      expect(localOf(onTime, PARIS)).toMatchObject({ localStart: '2026-03-29T03:30', reasonable: true, minutesOutside: 0 });
    });

    it('closes a window whose end the clocks repeat at its first occurrence', () => {
      // 2026-10-25 in Paris: 02:00-03:00 happens twice; the first 02:30 is CEST (00:30Z), the second CET (01:30Z).
      const window = { reasonableStart: '00:00', reasonableEnd: '02:30' };

      expect(localOf(slotAt([PARIS], '2026-10-25T00:00:00Z', 30, window), PARIS)).toMatchObject({ localEnd: '2026-10-25T02:30', reasonable: true });
      expect(localOf(slotAt([PARIS], '2026-10-25T00:30:00Z', 30, window), PARIS)).toMatchObject({ localStart: '2026-10-25T02:30', reasonable: false, minutesOutside: 30 });
    });

    it('counts elapsed minutes, not wall-clock minutes, for a meeting spanning the autumn change in Paris', () => {
      // 2026-10-25: at 01:00Z Paris goes from 03:00 CEST back to 02:00 CET. A two-hour meeting from 00:00Z reads
      // 02:00 to 03:00 on the wall, yet all 120 minutes are spent outside the window.
      const proposal = slotAt([PARIS], '2026-10-25T00:00:00Z', 120);

      expect(localOf(proposal, PARIS)).toMatchObject({ localStart: '2026-10-25T02:00', localEnd: '2026-10-25T03:00', reasonable: false, minutesOutside: 120 });
    });
  });

  describe('minutes outside', () => {
    it('counts the part of a meeting after the end of the window', () => {
      // Tokyo is UTC+9 all year: 12:00Z is 21:00, and a 90-minute meeting runs to 22:30.
      const proposal = slotAt([TOKYO], '2026-01-12T12:00:00Z', 90);

      expect(proposal.unreasonable).toEqual([{ ...TOKYO, localStart: '2026-01-12T21:00', localEnd: '2026-01-12T22:30', reasonable: false, minutesOutside: 30 }]);
      expect(proposal.totalMinutesOutside).toBe(30);
    });

    it('counts the part of a meeting before the start of the window', () => {
      // 21:00Z on the 11th is 06:00 on the 12th in Tokyo: 06:00-07:00 of 06:00-07:30 is outside.
      const proposal = slotAt([TOKYO], '2026-01-11T21:00:00Z', 90);

      expect(localOf(proposal, TOKYO)).toMatchObject({ localStart: '2026-01-12T06:00', localEnd: '2026-01-12T07:30', minutesOutside: 60 });
    });

    it('counts only the night for a meeting running past midnight into the next window', () => {
      // 11:00Z is 20:00 in Tokyo; twelve hours run to 08:00 next day: 20:00-22:00 and 07:00-08:00 are inside, nine hours are not.
      const proposal = slotAt([TOKYO], '2026-01-12T11:00:00Z', 720);

      expect(localOf(proposal, TOKYO)).toMatchObject({ localStart: '2026-01-12T20:00', localEnd: '2026-01-13T08:00', reasonable: false, minutesOutside: 540 });
    });

    it('uses the requested window and treats a meeting ending exactly at its end as reasonable', () => {
      // 00:00Z is 09:00 in Tokyo: an eight-hour meeting fills the 09:00-17:00 window exactly.
      expect(localOf(slotAt([TOKYO], '2026-01-12T00:00:00Z', 480, { reasonableStart: '09:00', reasonableEnd: '17:00' }), TOKYO)).toMatchObject({ reasonable: true, minutesOutside: 0 });
      // 23:30Z on the 11th is 08:30: half an hour before a 09:00 start.
      expect(localOf(slotAt([TOKYO], '2026-01-11T23:30:00Z', 60, { reasonableStart: '09:00', reasonableEnd: '17:00' }), TOKYO)).toMatchObject({ reasonable: false, minutesOutside: 30 });
    });
  });

  describe('scale', () => {
    it('scores 200 delegations in distinct time zones over 31 days of half-hour steps', () => {
      const zones = Intl.supportedValuesOf('timeZone').slice(0, 200);
      const delegations = zones.map((timeZone, i): FairnessDelegation => ({ organisationId: `org-${i}`, name: `Delegation ${i}`, timeZone }));
      const from = utc('2026-03-01T00:00:00Z');
      const to = new Date(from.getTime() + 31 * 24 * 3_600_000);

      const proposals = proposeSlots({ delegations, durationMinutes: 60, from, to });

      expect(proposals).toHaveLength(10);
      expect(proposals[0].local).toHaveLength(200);
      expect(proposals[0].reasonableCount + proposals[0].unreasonable.length).toBe(200);
    });

    it('works out the windows of a time zone once however many delegations share it', () => {
      const offsetLookups = jest.spyOn(IANAZone.prototype, 'offset');
      try {
        proposeSlots(request({ delegations: [PARIS] }));
        const forOne = offsetLookups.mock.calls.length;
        offsetLookups.mockClear();

        const many = Array.from({ length: 300 }, (_, i): FairnessDelegation => ({ organisationId: `org-${i}`, name: `Delegation ${i}`, timeZone: 'Europe/Paris' }));
        proposeSlots(request({ delegations: many }));

        expect(forOne).toBeGreaterThan(0);
        expect(offsetLookups.mock.calls.length).toBe(forOne);
      } finally {
        offsetLookups.mockRestore();
      }
    });
  });

  describe('input', () => {
    it.each<[string, Partial<FairnessRequest>, RegExp]>([
      ['no delegation', { delegations: [] }, /at least one delegation/],
      ['more than 300 delegations', { delegations: Array.from({ length: 301 }, (_, i) => ({ ...PARIS, organisationId: `org-${i}` })) }, /at most 300 delegations, got 301/],
      ['the same delegation twice', { delegations: [PARIS, DAKAR, PARIS] }, /org-fr \(France\) is listed more than once/],
      ['an unknown time zone', { delegations: [PARIS, { ...DAKAR, timeZone: 'Africa/Atlantis' }] }, /Unknown time zone 'Africa\/Atlantis' for delegation Senegal/],
      ['an empty time zone', { delegations: [{ ...DAKAR, timeZone: '' }] }, /Unknown time zone '' for delegation Senegal/],
      ['a duration under 15 minutes', { durationMinutes: 14 }, /Duration must be .* from 15 to 720, got 14/],
      ['a duration over 12 hours', { durationMinutes: 721 }, /Duration must be .* from 15 to 720, got 721/],
      ['a fractional duration', { durationMinutes: 30.5 }, /Duration must be a whole number/],
      ['a range ending before the meeting could', { from: utc('2026-01-12T00:00:00Z'), to: utc('2026-01-12T00:59:00Z') }, /'to' .* must be after 'from' .* plus the 60-minute duration/],
      ['a range exactly one meeting long', { from: utc('2026-01-12T00:00:00Z'), to: utc('2026-01-12T01:00:00Z') }, /must be after 'from'/],
      ['a range ending before it starts', { from: utc('2026-01-12T00:00:00Z'), to: utc('2026-01-11T00:00:00Z') }, /must be after 'from'/],
      ['a range longer than 31 days', { from: utc('2026-01-01T00:00:00Z'), to: utc('2026-02-01T00:01:00Z') }, /at most 31 days/],
      ['an invalid date', { from: new Date('not a date') }, /'from' must be a valid date/],
      ['a start of window without leading zero', { reasonableStart: '7:00' }, /reasonableStart must be a local time 'HH:mm'.*got '7:00'/],
      ['an hour past 23', { reasonableEnd: '24:00' }, /reasonableEnd must be a local time 'HH:mm'/],
      ['minutes past 59', { reasonableStart: '07:60' }, /reasonableStart must be a local time 'HH:mm'/],
      ['a window ending when it starts', { reasonableStart: '09:00', reasonableEnd: '09:00' }, /reasonableEnd \(09:00\) must be after reasonableStart \(09:00\)/],
      ['a window ending before it starts', { reasonableStart: '22:00', reasonableEnd: '07:00' }, /reasonableEnd \(07:00\) must be after reasonableStart \(22:00\)/],
      ['a window starting after the default end', { reasonableStart: '23:00' }, /reasonableEnd \(22:00\) must be after reasonableStart \(23:00\)/],
      ['a step of no minutes', { stepMinutes: 0 }, /Step must be/],
      ['a limit of zero', { limit: 0 }, /Limit must be/],
    ])('refuses %s', (_, overrides, message) => {
      const attempt = () => proposeSlots(request(overrides));

      expect(attempt).toThrow(FairnessRequestError);
      expect(attempt).toThrow(message);
    });

    it('accepts a range of exactly 31 days', () => {
      expect(proposeSlots(request({ from: utc('2026-01-01T00:00:00Z'), to: utc('2026-02-01T00:00:00Z') }))).toHaveLength(10);
    });
  });
});
