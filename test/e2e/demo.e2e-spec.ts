import { seedDemo } from '../../apps/server/src/demo/demo.seed';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

describe('Demo seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates the summit community once, with working accounts', async () => {
    const accounts = (await seedDemo(t.app))!;
    expect(accounts).not.toBeNull();
    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const organisations = await t.http.get('/api/organisations').set(admin.auth).expect(200);
    const kinds = organisations.body.reduce((acc: Record<string, number>, o: { kind: string }) => ({ ...acc, [o.kind]: (acc[o.kind] ?? 0) + 1 }), {});
    expect(kinds.state).toBeGreaterThanOrEqual(12);
    expect(kinds.international_organisation).toBeGreaterThanOrEqual(1);
    expect(kinds.company).toBeGreaterThanOrEqual(3);
    expect(kinds.civil_society).toBeGreaterThanOrEqual(3);
    expect(accounts.filter((a) => a.role === 'leader').length).toBeGreaterThanOrEqual(12);
    expect(accounts.some((a) => a.platformRole === 'secretariat')).toBe(true);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);

    const leader = accounts.find((a) => a.organisation === 'New Zealand' && a.role === 'leader')!;
    const me = await t.http.get('/api/me').set((await t.signIn(leader.email, leader.password)).auth).expect(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ organisationName: 'New Zealand', delegationRole: 'leader' })]);

    const summits = await t.http.get('/api/summits').set((await t.signIn(leader.email, leader.password)).auth).expect(200);
    expect(summits.body).toEqual([expect.objectContaining({ title: 'Progress summit of the Call to Action', status: 'announced', myRole: 'head_of_delegation' })]);
    const agenda = await t.http.get(`/api/public/summits/${summits.body[0].id}/agenda`).expect(200);
    const titles = agenda.body.days.flatMap((d: { sessions: { title: string }[] }) => d.sessions.map((s) => s.title));
    expect(titles).toContain('Signing of the progress declaration');
    expect(titles.some((title: string) => title.includes('co-founders'))).toBe(false);

    await expect(seedDemo(t.app)).resolves.toBeNull();
  });
});
