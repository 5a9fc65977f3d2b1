import type { SpeakersList } from '../../api/types';
import { floorClock, type ReceivedSpeakersList } from './speakers-clock';

const AT = Date.parse('2026-05-14T20:00:00Z');

function received(current: Partial<NonNullable<SpeakersList['current']>> | null): ReceivedSpeakersList {
  const entry = {
    id: 'a',
    organisationId: 'nz',
    organisationName: 'New Zealand',
    userId: null,
    speakerName: null,
    kind: 'speech' as const,
    status: 'speaking' as const,
    requestedAt: '2026-05-14T19:00:00Z',
    protocolRank: 1,
    allottedSeconds: 120,
    extendedSeconds: 0,
    usedSeconds: 0,
    startedAt: '2026-05-14T19:59:00Z',
    endedAt: null,
    elapsedSeconds: 60,
    remainingSeconds: 60,
    limitSeconds: 120,
    limitedBy: 'speech' as const,
  };
  return {
    at: AT,
    list: { order: 'request_time', speechSeconds: 120, delegationBudgetSeconds: null, current: current ? { ...entry, ...current } : null, queue: [], past: [], delegations: [] },
  };
}

describe('floorClock', () => {
  it('runs on from the answer while the speech runs', () => {
    expect(floorClock(received({}), AT + 30_500)).toMatchObject({ elapsedSeconds: 90, limitSeconds: 120, remainingSeconds: 30, overTime: false, sinceAnswer: 30 });
  });

  it('marks the speech over time past its limit', () => {
    expect(floorClock(received({}), AT + 75_000)).toMatchObject({ elapsedSeconds: 135, remainingSeconds: -15, overTime: true });
  });

  it('stands still while paused', () => {
    expect(floorClock(received({ status: 'paused' }), AT + 75_000)).toMatchObject({ elapsedSeconds: 60, remainingSeconds: 60, sinceAnswer: 0 });
  });

  it('has no limit nor remaining time for an unlimited speech', () => {
    expect(floorClock(received({ limitSeconds: null, remainingSeconds: null, limitedBy: null }), AT + 1000)).toMatchObject({ limitSeconds: null, remainingSeconds: null, overTime: false });
  });

  it('is null when nobody holds the floor', () => {
    expect(floorClock(received(null), AT)).toBeNull();
  });
});
