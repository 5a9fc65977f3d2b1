import { AgendaCache, audienceKey } from './agenda-cache';
import type { AgendaDto } from './session.dto';
import type { Summit } from '../summits/summit.entity';

const summit = (agendaRevision: number, timeZone = 'Europe/Paris', id = 's1') => ({ id, agendaRevision, timeZone }) as Summit;

describe('AgendaCache', () => {
  let builds: number;
  const build = (label: string) => async (): Promise<AgendaDto> => {
    builds += 1;
    return { timeZone: label, summitTimeZone: 'Europe/Paris', rooms: [], days: [] };
  };
  beforeEach(() => (builds = 0));

  it('builds an agenda once per audience and zone while the revision holds', async () => {
    const cache = new AgendaCache();
    const host = { kind: 'host' } as const;
    const first = await cache.get(summit(3), host, 'UTC', build('a'));
    await expect(cache.get(summit(3), host, 'UTC', build('b'))).resolves.toBe(first);
    await cache.get(summit(3), host, 'Asia/Tokyo', build('c'));
    await cache.get(summit(3), { kind: 'public' }, 'UTC', build('d'));
    expect(builds).toBe(3);
    expect(cache.size).toBe(3);
  });

  it('keys delegations by the set, not the order', () => {
    expect(audienceKey({ kind: 'delegations', organisationIds: ['b', 'a'] })).toBe(audienceKey({ kind: 'delegations', organisationIds: ['a', 'b'] }));
    expect(audienceKey({ kind: 'delegations', organisationIds: [] })).not.toBe(audienceKey({ kind: 'public' }));
  });

  it('builds again once the revision is raised or the summit changes zone, and drops what it held', async () => {
    const cache = new AgendaCache();
    const host = { kind: 'host' } as const;
    await cache.get(summit(1), host, 'UTC', build('old'));
    await cache.get(summit(1), { kind: 'public' }, 'UTC', build('old'));
    await expect(cache.get(summit(2), host, 'UTC', build('new'))).resolves.toMatchObject({ agenda: { timeZone: 'new' } });
    expect(cache.size).toBe(1);
    await expect(cache.get(summit(2, 'Asia/Tokyo'), host, 'UTC', build('tokyo'))).resolves.toMatchObject({ agenda: { timeZone: 'tokyo' } });
    expect(builds).toBe(4);
  });

  it('does not let a reader holding an older summit row replace newer agendas', async () => {
    const cache = new AgendaCache();
    const host = { kind: 'host' } as const;
    await cache.get(summit(5), host, 'UTC', build('new'));
    await expect(cache.get(summit(4), host, 'UTC', build('late reader'))).resolves.toMatchObject({ agenda: { timeZone: 'late reader' } });
    await expect(cache.get(summit(5), host, 'UTC', build('again'))).resolves.toMatchObject({ agenda: { timeZone: 'new' } });
  });

  it('hands out agendas no caller can change', async () => {
    const cache = new AgendaCache();
    const { agenda } = await cache.get(summit(1), { kind: 'host' }, 'UTC', async () => ({ timeZone: 'UTC', summitTimeZone: 'UTC', rooms: [], days: [{ date: '2026-05-14', sessions: [] }] }));
    expect(() => (agenda.days[0] as { date: string }).date = 'changed').toThrow(TypeError);
  });

  it("keeps each agenda's JSON text, tagged by its content", async () => {
    const cache = new AgendaCache();
    const days = [{ date: '2026-05-14', sessions: [] }];
    const first = await cache.get(summit(1), { kind: 'host' }, 'UTC', async () => ({ timeZone: 'UTC', summitTimeZone: 'UTC', rooms: [], days }));
    const same = await cache.get(summit(2), { kind: 'host' }, 'UTC', async () => ({ timeZone: 'UTC', summitTimeZone: 'UTC', rooms: [], days }));
    const other = await cache.get(summit(3), { kind: 'host' }, 'Asia/Tokyo', async () => ({ timeZone: 'Asia/Tokyo', summitTimeZone: 'UTC', rooms: [], days }));

    expect(JSON.parse(first.json)).toEqual({ timeZone: 'UTC', summitTimeZone: 'UTC', rooms: [], days });
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(same.etag).toBe(first.etag);
    expect(other.etag).not.toBe(first.etag);
  });

  it('keeps a bounded number of summits', async () => {
    const cache = new AgendaCache();
    for (let i = 0; i < 100; i++) await cache.get(summit(0, 'UTC', `s${i}`), { kind: 'host' }, 'UTC', build('x'));
    expect(cache.size).toBeLessThanOrEqual(64);
    // The most recent ones stay.
    await cache.get(summit(0, 'UTC', 's99'), { kind: 'host' }, 'UTC', build('y'));
    expect(builds).toBe(100);
  });
});
