import {
  current,
  delegationUsedSeconds,
  elapsedSeconds,
  end,
  extend,
  MAX_EXTENSION_SECONDS,
  next,
  pause,
  queue,
  remainingSeconds,
  reorder,
  resume,
  type SpeakerEntry,
  SpeakersListError,
  type SpeakersListErrorCode,
  type SpeakersPolicy,
  start,
  summary,
  withdraw,
} from './speakers-queue';

const OPENING = new Date('2025-06-02T09:00:00.000Z');

/** The moment `seconds` after the session opened. */
function at(seconds: number): Date {
  return new Date(OPENING.getTime() + seconds * 1000);
}

function entry(overrides: Partial<SpeakerEntry> & Pick<SpeakerEntry, 'id'>): SpeakerEntry {
  return {
    organisationId: `org-${overrides.id}`,
    userId: null,
    kind: 'speech',
    status: 'waiting',
    requestedAt: OPENING,
    protocolRank: null,
    allottedSeconds: null,
    extendedSeconds: 0,
    position: null,
    usedSeconds: 0,
    runningSince: null,
    startedAt: null,
    endedAt: null,
    ...overrides,
  };
}

/** An entry that has held the floor since `sinceSecond`, having spoken `usedSeconds` before. */
function speaking(overrides: Partial<SpeakerEntry> & Pick<SpeakerEntry, 'id'>, sinceSecond: number): SpeakerEntry {
  return entry({ status: 'speaking', runningSince: at(sinceSecond), startedAt: overrides.startedAt ?? at(sinceSecond), ...overrides });
}

const PROTOCOL: SpeakersPolicy = { order: 'protocol', delegationBudgetSeconds: null };
const REQUEST_TIME: SpeakersPolicy = { order: 'request_time', delegationBudgetSeconds: null };

/** The list as the service would store it after saving the changed entries. */
function applied(entries: SpeakerEntry[], changed: SpeakerEntry[]): SpeakerEntry[] {
  return entries.map((original) => changed.find((entry) => entry.id === original.id) ?? original);
}

function ids(entries: SpeakerEntry[]): string[] {
  return entries.map((entry) => entry.id);
}

function changedById(changed: SpeakerEntry[], id: string): SpeakerEntry | undefined {
  return changed.find((entry) => entry.id === id);
}

/** The error a synchronous call throws, so its class and code can be checked. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function expectRefusal(fn: () => unknown, code: SpeakersListErrorCode): void {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(SpeakersListError);
  expect(error).toMatchObject({ name: 'SpeakersListError', code });
}

describe('speakers queue', () => {
  describe('queue', () => {
    it('orders speeches by protocol rank, lower rank first', () => {
      const entries = [
        entry({ id: 'minister', protocolRank: 3, requestedAt: at(1) }),
        entry({ id: 'head-of-state', protocolRank: 1, requestedAt: at(3) }),
        entry({ id: 'head-of-government', protocolRank: 2, requestedAt: at(2) }),
      ];

      expect(ids(queue(entries, PROTOCOL))).toEqual(['head-of-state', 'head-of-government', 'minister']);
    });

    it('ranks entries without a protocol rank after every ranked one, by request time', () => {
      const entries = [
        entry({ id: 'unranked-late', protocolRank: null, requestedAt: at(5) }),
        entry({ id: 'unranked-early', protocolRank: null, requestedAt: at(1) }),
        entry({ id: 'observer', protocolRank: 99, requestedAt: at(9) }),
      ];

      expect(ids(queue(entries, PROTOCOL))).toEqual(['observer', 'unranked-early', 'unranked-late']);
    });

    it('breaks protocol ties by request time, then by id', () => {
      const entries = [
        entry({ id: 'c', protocolRank: 1, requestedAt: at(2) }),
        entry({ id: 'b', protocolRank: 1, requestedAt: at(1) }),
        entry({ id: 'a', protocolRank: 1, requestedAt: at(2) }),
      ];

      expect(ids(queue(entries, PROTOCOL))).toEqual(['b', 'a', 'c']);
    });

    it('orders by request time alone when the session orders by request time', () => {
      const entries = [
        entry({ id: 'head-of-state', protocolRank: 1, requestedAt: at(30) }),
        entry({ id: 'unranked', protocolRank: null, requestedAt: at(10) }),
        entry({ id: 'minister', protocolRank: 3, requestedAt: at(20) }),
      ];

      expect(ids(queue(entries, REQUEST_TIME))).toEqual(['unranked', 'minister', 'head-of-state']);
    });

    it('puts points of order ahead of every speech, in request order', () => {
      const entries = [
        entry({ id: 'head-of-state', protocolRank: 1, requestedAt: at(1) }),
        entry({ id: 'late-point', kind: 'point_of_order', protocolRank: null, requestedAt: at(20) }),
        entry({ id: 'early-point', kind: 'point_of_order', protocolRank: 5, requestedAt: at(10) }),
      ];

      expect(ids(queue(entries, PROTOCOL))).toEqual(['early-point', 'late-point', 'head-of-state']);
    });

    it('lists only entries still waiting for the floor', () => {
      const entries = [
        entry({ id: 'waiting' }),
        speaking({ id: 'speaking' }, 0),
        entry({ id: 'paused', status: 'paused' }),
        entry({ id: 'done', status: 'done' }),
        entry({ id: 'withdrawn', status: 'withdrawn' }),
      ];

      expect(ids(queue(entries, PROTOCOL))).toEqual(['waiting']);
    });
  });

  describe('current', () => {
    it('is the entry speaking', () => {
      expect(current([entry({ id: 'a' }), speaking({ id: 'b' }, 0), entry({ id: 'c', status: 'done' })])?.id).toBe('b');
    });

    it('is the paused entry when nobody speaks', () => {
      expect(current([entry({ id: 'a' }), entry({ id: 'b', status: 'paused', usedSeconds: 40 })])?.id).toBe('b');
    });

    it('is the point of order speaking, not the speech it interrupted', () => {
      const entries = [entry({ id: 'speech', status: 'paused', usedSeconds: 40 }), speaking({ id: 'point', kind: 'point_of_order' }, 40)];

      expect(current(entries)?.id).toBe('point');
    });

    it('is null when nobody holds the floor', () => {
      expect(current([entry({ id: 'a' }), entry({ id: 'b', status: 'done' })])).toBeNull();
    });
  });

  describe('elapsedSeconds', () => {
    it('adds the running time to the time spoken before, in whole seconds', () => {
      const speech = speaking({ id: 'a', usedSeconds: 30 }, 100);

      expect(elapsedSeconds(speech, new Date(at(145).getTime() + 900))).toBe(75);
    });

    it('counts only the time spoken before while paused', () => {
      const speech = entry({ id: 'a', status: 'paused', usedSeconds: 30, runningSince: null });

      expect(elapsedSeconds(speech, at(500))).toBe(30);
    });
  });

  describe('remainingSeconds', () => {
    it('is the allotted time minus the time spoken', () => {
      expect(remainingSeconds(speaking({ id: 'a', allottedSeconds: 180, usedSeconds: 20 }, 0), at(100))).toBe(60);
    });

    it('goes negative when the speaker overruns', () => {
      expect(remainingSeconds(speaking({ id: 'a', allottedSeconds: 180 }, 0), at(200))).toBe(-20);
    });

    it('is null when the speech has no time limit', () => {
      expect(remainingSeconds(speaking({ id: 'a', allottedSeconds: null }, 0), at(200))).toBeNull();
    });
  });

  describe('delegationUsedSeconds', () => {
    it("sums the delegation's speeches, the running one included", () => {
      const entries = [
        entry({ id: 'earlier', organisationId: 'france', status: 'done', usedSeconds: 120 }),
        speaking({ id: 'now', organisationId: 'france', usedSeconds: 10 }, 200),
        entry({ id: 'other', organisationId: 'kenya', status: 'done', usedSeconds: 300 }),
      ];

      expect(delegationUsedSeconds(entries, 'france', at(250))).toBe(180);
    });

    it('leaves points of order out of the delegation time', () => {
      const entries = [
        entry({ id: 'speech', organisationId: 'france', status: 'done', usedSeconds: 120 }),
        entry({ id: 'point', organisationId: 'france', kind: 'point_of_order', status: 'done', usedSeconds: 45 }),
      ];

      expect(delegationUsedSeconds(entries, 'france', at(250))).toBe(120);
    });
  });

  describe('start', () => {
    it('gives the floor to a waiting entry and starts its clock', () => {
      const changed = start([entry({ id: 'a' }), entry({ id: 'b' })], 'a', PROTOCOL, at(10));

      expect(changed).toEqual([expect.objectContaining({ id: 'a', status: 'speaking', runningSince: at(10), startedAt: at(10), endedAt: null, usedSeconds: 0 })]);
    });

    it('ends the speech in progress, recording the time it used', () => {
      const entries = [speaking({ id: 'a', usedSeconds: 5 }, 0), entry({ id: 'b' })];

      const changed = start(entries, 'b', PROTOCOL, at(90));

      expect(ids(changed).sort()).toEqual(['a', 'b']);
      expect(changedById(changed, 'a')).toMatchObject({ status: 'done', usedSeconds: 95, runningSince: null, endedAt: at(90) });
      expect(changedById(changed, 'b')).toMatchObject({ status: 'speaking', runningSince: at(90) });
    });

    it('ends a paused speech when another speech starts', () => {
      const entries = [entry({ id: 'a', status: 'paused', usedSeconds: 40, startedAt: at(0) }), entry({ id: 'b' })];

      const changed = start(entries, 'b', PROTOCOL, at(90));

      expect(changedById(changed, 'a')).toMatchObject({ status: 'done', usedSeconds: 40, endedAt: at(90) });
    });

    it('pauses the running speech when a point of order interrupts it', () => {
      const entries = [speaking({ id: 'speech' }, 0), entry({ id: 'point', kind: 'point_of_order' })];

      const changed = start(entries, 'point', PROTOCOL, at(70));

      expect(changedById(changed, 'speech')).toMatchObject({ status: 'paused', usedSeconds: 70, runningSince: null, endedAt: null });
      expect(changedById(changed, 'point')).toMatchObject({ status: 'speaking', runningSince: at(70) });
    });

    it('leaves a paused speech paused when a point of order takes the floor', () => {
      const entries = [entry({ id: 'speech', status: 'paused', usedSeconds: 40 }), entry({ id: 'point', kind: 'point_of_order' })];

      expect(ids(start(entries, 'point', PROTOCOL, at(70)))).toEqual(['point']);
    });

    it('ends a running point of order when another point of order is taken', () => {
      const entries = [speaking({ id: 'first', kind: 'point_of_order' }, 60), entry({ id: 'second', kind: 'point_of_order' })];

      const changed = start(entries, 'second', PROTOCOL, at(80));

      expect(changedById(changed, 'first')).toMatchObject({ status: 'done', usedSeconds: 20, endedAt: at(80) });
    });

    it('refuses a speech of a delegation that has used its time', () => {
      const policy: SpeakersPolicy = { order: 'protocol', delegationBudgetSeconds: 300 };
      const entries = [
        entry({ id: 'earlier', organisationId: 'france', status: 'done', usedSeconds: 200 }),
        speaking({ id: 'running', organisationId: 'france' }, 0),
        entry({ id: 'again', organisationId: 'france' }),
      ];

      expectRefusal(() => start(entries, 'again', policy, at(100)), 'DELEGATION_BUDGET_EXHAUSTED');
    });

    it('lets a delegation speak while it has time left', () => {
      const policy: SpeakersPolicy = { order: 'protocol', delegationBudgetSeconds: 300 };
      const entries = [entry({ id: 'earlier', organisationId: 'france', status: 'done', usedSeconds: 299 }), entry({ id: 'again', organisationId: 'france' })];

      expect(changedById(start(entries, 'again', policy, at(400)), 'again')).toMatchObject({ status: 'speaking' });
    });

    it('still lets a delegation out of time raise a point of order', () => {
      const policy: SpeakersPolicy = { order: 'protocol', delegationBudgetSeconds: 300 };
      const entries = [
        entry({ id: 'earlier', organisationId: 'france', status: 'done', usedSeconds: 300 }),
        entry({ id: 'point', organisationId: 'france', kind: 'point_of_order' }),
      ];

      expect(changedById(start(entries, 'point', policy, at(400)), 'point')).toMatchObject({ status: 'speaking' });
    });

    it.each(['speaking', 'paused', 'done', 'withdrawn'] as const)('refuses an entry that is %s', (status) => {
      expectRefusal(() => start([entry({ id: 'a', status })], 'a', PROTOCOL, at(0)), 'NOT_WAITING');
    });

    it('refuses an entry that is not on the list', () => {
      expectRefusal(() => start([entry({ id: 'a' })], 'missing', PROTOCOL, at(0)), 'NOT_FOUND');
    });

    it('changes copies and leaves the given entries untouched', () => {
      const entries = [speaking({ id: 'speech' }, 0), entry({ id: 'point', kind: 'point_of_order' })];
      const before = structuredClone(entries);

      const changed = start(entries, 'point', PROTOCOL, at(70));

      expect(entries).toEqual(before);
      expect(changed).not.toContain(entries[0]);
      expect(changed).not.toContain(entries[1]);
    });
  });

  describe('next', () => {
    it('ends the current speech and gives the floor to the head of the queue', () => {
      const entries = [speaking({ id: 'a' }, 0), entry({ id: 'late', protocolRank: 5 }), entry({ id: 'head', protocolRank: 1 })];

      const changed = next(entries, PROTOCOL, at(120));

      expect(ids(changed).sort()).toEqual(['a', 'head']);
      expect(changedById(changed, 'a')).toMatchObject({ status: 'done', usedSeconds: 120, endedAt: at(120) });
      expect(changedById(changed, 'head')).toMatchObject({ status: 'speaking', startedAt: at(120), runningSince: at(120) });
    });

    it('starts the head of the queue when nobody holds the floor', () => {
      const changed = next([entry({ id: 'a', requestedAt: at(2) }), entry({ id: 'b', requestedAt: at(1) })], REQUEST_TIME, at(10));

      expect(changed).toEqual([expect.objectContaining({ id: 'b', status: 'speaking' })]);
    });

    it('only ends the current speech when nobody is waiting', () => {
      expect(next([speaking({ id: 'a' }, 0)], PROTOCOL, at(30))).toEqual([expect.objectContaining({ id: 'a', status: 'done', usedSeconds: 30 })]);
    });

    it('changes nothing on an empty list', () => {
      expect(next([entry({ id: 'a', status: 'done' })], PROTOCOL, at(30))).toEqual([]);
    });

    it('ends a speech the chair paused and moves on', () => {
      const entries = [entry({ id: 'a', status: 'paused', usedSeconds: 50, startedAt: at(0) }), entry({ id: 'b' })];

      const changed = next(entries, PROTOCOL, at(300));

      expect(changedById(changed, 'a')).toMatchObject({ status: 'done', usedSeconds: 50, endedAt: at(300) });
      expect(changedById(changed, 'b')).toMatchObject({ status: 'speaking' });
    });

    it('gives the floor back to the interrupted speech before anyone waiting', () => {
      const entries = [
        entry({ id: 'speech', status: 'paused', usedSeconds: 70, startedAt: at(0) }),
        speaking({ id: 'point', kind: 'point_of_order' }, 70),
        entry({ id: 'waiting', protocolRank: 1 }),
      ];

      const changed = next(entries, PROTOCOL, at(100));

      expect(ids(changed).sort()).toEqual(['point', 'speech']);
      expect(changedById(changed, 'point')).toMatchObject({ status: 'done', usedSeconds: 30 });
      expect(changedById(changed, 'speech')).toMatchObject({ status: 'speaking', runningSince: at(100), usedSeconds: 70, startedAt: at(0) });
    });

    it('passes over speeches of delegations out of time, leaving them on the list', () => {
      const policy: SpeakersPolicy = { order: 'protocol', delegationBudgetSeconds: 100 };
      const entries = [
        speaking({ id: 'running', organisationId: 'france' }, 0),
        entry({ id: 'france-again', organisationId: 'france', protocolRank: 1 }),
        entry({ id: 'kenya', organisationId: 'kenya', protocolRank: 2 }),
      ];

      const changed = next(entries, policy, at(100));

      expect(ids(changed).sort()).toEqual(['kenya', 'running']);
      expect(ids(queue(applied(entries, changed), policy))).toEqual(['france-again']);
    });

    it('leaves the given entries untouched', () => {
      const entries = [entry({ id: 'speech', status: 'paused', usedSeconds: 70 }), speaking({ id: 'point', kind: 'point_of_order' }, 70)];
      const before = structuredClone(entries);

      next(entries, PROTOCOL, at(100));

      expect(entries).toEqual(before);
    });
  });

  describe('pause', () => {
    it('stops the clock and keeps the time spoken', () => {
      const changed = pause([speaking({ id: 'a', usedSeconds: 10 }, 0)], at(25));

      expect(changed).toEqual([expect.objectContaining({ id: 'a', status: 'paused', usedSeconds: 35, runningSince: null, endedAt: null })]);
    });

    it('refuses when nobody is speaking', () => {
      expectRefusal(() => pause([entry({ id: 'a', status: 'paused' }), entry({ id: 'b' })], at(0)), 'NOT_SPEAKING');
    });

    it('leaves the given entries untouched', () => {
      const entries = [speaking({ id: 'a' }, 0)];
      const before = structuredClone(entries);

      pause(entries, at(25));

      expect(entries).toEqual(before);
    });
  });

  describe('resume', () => {
    it('restarts the clock of the paused entry', () => {
      const changed = resume([entry({ id: 'a', status: 'paused', usedSeconds: 30 })], at(100));

      expect(changed).toEqual([expect.objectContaining({ id: 'a', status: 'speaking', runningSince: at(100), usedSeconds: 30 })]);
    });

    it('accumulates the time spoken across pauses', () => {
      let entries = [entry({ id: 'a', allottedSeconds: 120 })];
      entries = applied(entries, start(entries, 'a', PROTOCOL, at(0)));
      entries = applied(entries, pause(entries, at(30)));
      entries = applied(entries, resume(entries, at(100)));
      entries = applied(entries, pause(entries, at(145)));
      entries = applied(entries, resume(entries, at(200)));

      expect(elapsedSeconds(entries[0], at(210))).toBe(85);
      expect(remainingSeconds(entries[0], at(210))).toBe(35);

      entries = applied(entries, end(entries, at(260)));
      expect(entries[0]).toMatchObject({ status: 'done', usedSeconds: 135, startedAt: at(0), endedAt: at(260) });
      expect(remainingSeconds(entries[0], at(999))).toBe(-15);
    });

    it('gives the floor back to a paused point of order before the speech it interrupted', () => {
      const entries = [
        entry({ id: 'speech', status: 'paused', usedSeconds: 70, startedAt: at(0) }),
        entry({ id: 'point', kind: 'point_of_order', status: 'paused', usedSeconds: 5, startedAt: at(70) }),
      ];

      expect(ids(resume(entries, at(100)))).toEqual(['point']);
    });

    it('refuses while someone else is speaking', () => {
      const entries = [entry({ id: 'speech', status: 'paused', usedSeconds: 70 }), speaking({ id: 'point', kind: 'point_of_order' }, 70)];

      expectRefusal(() => resume(entries, at(100)), 'ALREADY_SPEAKING');
    });

    it('refuses when nothing is paused', () => {
      expectRefusal(() => resume([entry({ id: 'a' }), entry({ id: 'b', status: 'done' })], at(100)), 'NOT_PAUSED');
    });
  });

  describe('end', () => {
    it('ends the entry speaking, recording the time used and when it ended', () => {
      const changed = end([speaking({ id: 'a', usedSeconds: 12 }, 100), entry({ id: 'b' })], at(160));

      expect(changed).toEqual([expect.objectContaining({ id: 'a', status: 'done', usedSeconds: 72, runningSince: null, endedAt: at(160) })]);
    });

    it('ends a paused entry with the time it had used', () => {
      expect(end([entry({ id: 'a', status: 'paused', usedSeconds: 40 })], at(500))).toEqual([
        expect.objectContaining({ id: 'a', status: 'done', usedSeconds: 40, endedAt: at(500) }),
      ]);
    });

    it('ends a point of order and leaves the interrupted speech paused', () => {
      const entries = [entry({ id: 'speech', status: 'paused', usedSeconds: 70 }), speaking({ id: 'point', kind: 'point_of_order' }, 70)];

      const after = applied(entries, end(entries, at(90)));

      expect(after.map(({ id, status }) => ({ id, status }))).toEqual([
        { id: 'speech', status: 'paused' },
        { id: 'point', status: 'done' },
      ]);
      expect(current(after)?.id).toBe('speech');
    });

    it('refuses when nobody holds the floor', () => {
      expectRefusal(() => end([entry({ id: 'a' })], at(0)), 'NOT_SPEAKING');
    });

    it('leaves the given entries untouched', () => {
      const entries = [speaking({ id: 'a' }, 0)];
      const before = structuredClone(entries);

      end(entries, at(25));

      expect(entries).toEqual(before);
    });
  });

  describe('withdraw', () => {
    it('takes a waiting entry off the list', () => {
      const entries = [entry({ id: 'a', requestedAt: at(1) }), entry({ id: 'b', requestedAt: at(2) })];

      const changed = withdraw(entries, 'a', at(50));

      expect(changed).toEqual([expect.objectContaining({ id: 'a', status: 'withdrawn', endedAt: at(50), startedAt: null })]);
      expect(ids(queue(applied(entries, changed), REQUEST_TIME))).toEqual(['b']);
    });

    it.each(['speaking', 'paused', 'done', 'withdrawn'] as const)('refuses an entry that is %s', (status) => {
      expectRefusal(() => withdraw([entry({ id: 'a', status })], 'a', at(0)), 'NOT_WAITING');
    });

    it('refuses an entry that is not on the list', () => {
      expectRefusal(() => withdraw([entry({ id: 'a' })], 'missing', at(0)), 'NOT_FOUND');
    });

    it('leaves the given entries untouched', () => {
      const entries = [entry({ id: 'a' })];
      const before = structuredClone(entries);

      withdraw(entries, 'a', at(50));

      expect(entries).toEqual(before);
    });
  });

  describe('summary', () => {
    it("shows the floor's clock, the queue and every delegation's time", () => {
      const policy: SpeakersPolicy = { order: 'protocol', delegationBudgetSeconds: 600 };
      const entries = [
        entry({ id: 'kenya-1', organisationId: 'kenya', status: 'done', usedSeconds: 200, requestedAt: at(0) }),
        speaking({ id: 'france-1', organisationId: 'france', allottedSeconds: 180, requestedAt: at(1) }, 100),
        entry({ id: 'chile-1', organisationId: 'chile', requestedAt: at(2), protocolRank: 2 }),
        entry({ id: 'kenya-2', organisationId: 'kenya', requestedAt: at(3), protocolRank: 1 }),
      ];

      const result = summary(entries, policy, at(300));

      expect(result.current).toMatchObject({ id: 'france-1', elapsedSeconds: 200, remainingSeconds: -20 });
      expect(ids(result.queue)).toEqual(['kenya-2', 'chile-1']);
      expect(result.delegations).toEqual([
        { organisationId: 'kenya', usedSeconds: 200, remainingSeconds: 400 },
        { organisationId: 'france', usedSeconds: 200, remainingSeconds: 400 },
        { organisationId: 'chile', usedSeconds: 0, remainingSeconds: 600 },
      ]);
    });

    it('has no current speaker and no remaining delegation time when unlimited', () => {
      const result = summary([entry({ id: 'a', organisationId: 'france' })], PROTOCOL, at(0));

      expect(result.current).toBeNull();
      expect(result.delegations).toEqual([{ organisationId: 'france', usedSeconds: 0, remainingSeconds: null }]);
    });
  });

  describe('reorder', () => {
    const waiting = [
      entry({ id: 'point', kind: 'point_of_order', requestedAt: at(5) }),
      entry({ id: 'a', requestedAt: at(1) }),
      entry({ id: 'b', requestedAt: at(2) }),
      entry({ id: 'c', requestedAt: at(3) }),
    ];

    it("puts the speeches in the chair's order and keeps it", () => {
      const changed = reorder(waiting, ['point', 'a', 'b', 'c'], ['point', 'c', 'a', 'b'], REQUEST_TIME);

      expect(ids(queue(applied(waiting, changed), REQUEST_TIME))).toEqual(['point', 'c', 'a', 'b']);
    });

    it('lets later requests join the end of their group', () => {
      const ordered = applied(waiting, reorder(waiting, ['point', 'a', 'b', 'c'], ['point', 'c', 'b', 'a'], PROTOCOL));
      const later = [...ordered, entry({ id: 'head-of-state', requestedAt: at(9), protocolRank: 1 }), entry({ id: 'point-2', kind: 'point_of_order', requestedAt: at(9) })];

      expect(ids(queue(later, PROTOCOL))).toEqual(['point', 'point-2', 'c', 'b', 'a', 'head-of-state']);
    });

    it('refuses an order made on a list that has changed since', () => {
      expectRefusal(() => reorder(waiting, ['point', 'a', 'b'], ['point', 'b', 'a'], REQUEST_TIME), 'STALE_ORDER');
      expectRefusal(() => reorder(waiting, ['point', 'b', 'a', 'c'], ['point', 'a', 'b', 'c'], REQUEST_TIME), 'STALE_ORDER');
    });

    it('refuses an order that leaves out, repeats or adds an entry', () => {
      const seen = ['point', 'a', 'b', 'c'];
      expectRefusal(() => reorder(waiting, seen, ['point', 'a', 'b'], REQUEST_TIME), 'INVALID_ORDER');
      expectRefusal(() => reorder(waiting, seen, ['point', 'a', 'a', 'c'], REQUEST_TIME), 'INVALID_ORDER');
      expectRefusal(() => reorder(waiting, seen, ['point', 'a', 'b', 'x'], REQUEST_TIME), 'INVALID_ORDER');
    });

    it('keeps points of order ahead of speeches', () => {
      expectRefusal(() => reorder(waiting, ['point', 'a', 'b', 'c'], ['a', 'point', 'b', 'c'], REQUEST_TIME), 'INVALID_ORDER');
    });
  });

  describe('extend', () => {
    it('gives the speaker more time, shown in what remains', () => {
      const entries = [speaking({ id: 'a', allottedSeconds: 180 }, 0)];
      const changed = extend(entries, 'a', 60, REQUEST_TIME, at(200));

      expect(changed).toEqual([expect.objectContaining({ id: 'a', extendedSeconds: 60 })]);
      expect(summary(changed, REQUEST_TIME, at(200)).current).toMatchObject({ elapsedSeconds: 200, remainingSeconds: 40, limitSeconds: 240, limitedBy: 'speech' });
    });

    it("counts beyond the delegation's budget", () => {
      const policy: SpeakersPolicy = { order: 'request_time', delegationBudgetSeconds: 300 };
      const entries = [
        entry({ id: 'earlier', organisationId: 'france', status: 'done', usedSeconds: 250 }),
        speaking({ id: 'now', organisationId: 'france', allottedSeconds: 180 }, 0),
      ];
      expect(summary(entries, policy, at(10)).current).toMatchObject({ remainingSeconds: 40, limitSeconds: 50, limitedBy: 'delegation' });

      const extended = applied(entries, extend(entries, 'now', 30, policy, at(10)));
      const result = summary(extended, policy, at(10));
      expect(result.current).toMatchObject({ remainingSeconds: 70, limitSeconds: 80, limitedBy: 'delegation' });
      expect(result.delegations).toEqual([{ organisationId: 'france', usedSeconds: 260, remainingSeconds: 70 }]);
    });

    it('refuses an entry that does not hold the floor', () => {
      expectRefusal(() => extend([speaking({ id: 'a', allottedSeconds: 60 }, 0), entry({ id: 'b', allottedSeconds: 60 })], 'b', 30, PROTOCOL, at(1)), 'NOT_SPEAKING');
    });

    it('refuses a speech without a time limit', () => {
      expectRefusal(() => extend([speaking({ id: 'a' }, 0)], 'a', 30, PROTOCOL, at(1)), 'NO_TIME_LIMIT');
    });

    it('refuses more than the largest extension in all', () => {
      const entries = [speaking({ id: 'a', allottedSeconds: 60, extendedSeconds: MAX_EXTENSION_SECONDS - 10 }, 0)];
      expectRefusal(() => extend(entries, 'a', 11, PROTOCOL, at(1)), 'EXTENSION_TOO_LONG');
      expect(extend(entries, 'a', 10, PROTOCOL, at(1))).toHaveLength(1);
    });
  });

  describe('past speakers', () => {
    it('lists those who have spoken in the order they finished, without withdrawals', () => {
      const entries = [
        entry({ id: 'second', status: 'done', endedAt: at(50) }),
        entry({ id: 'gone', status: 'withdrawn', endedAt: at(20) }),
        entry({ id: 'first', status: 'done', endedAt: at(10) }),
        speaking({ id: 'now' }, 60),
      ];

      expect(ids(summary(entries, PROTOCOL, at(70)).past)).toEqual(['first', 'second']);
    });
  });
});
