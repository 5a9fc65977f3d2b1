import { Cluster, ServerProcess, startCluster } from '../support/cluster';
import { joinByInvitation, signIn, SignedInClient, TEST_ADMIN_EMAIL, TEST_PASSWORD } from '../support/server';
import { summitFixture } from '../support/summit-fixture';

interface AgendaSession {
  id: string;
  title: string;
  startsAt: string;
  status: string;
}

/**
 * Each server process keeps the agendas it has built (per summit, audience
 * and zone) while the summit's agenda revision holds. A change made through
 * one process must show at once in the agenda another process serves, with
 * no message between them: two processes on one PostgreSQL database.
 */
describe('The agenda kept by each server process', () => {
  let cluster: Cluster | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let admin: SignedInClient;
  let delegate: SignedInClient;
  let outsider: SignedInClient;
  let summitId: string;
  let nz: string;
  let ca: string;

  const agendaOn = async (node: ServerProcess, who: SignedInClient, zone?: string): Promise<AgendaSession[]> => {
    const res = await node.http.get(`/api/summits/${summitId}/agenda${zone ? `?zone=${encodeURIComponent(zone)}` : ''}`).set(who.auth).expect(200);
    return (res.body as { days: { sessions: AgendaSession[] }[] }).days.flatMap((day) => day.sessions);
  };

  beforeAll(async () => {
    cluster = await startCluster(2);
    [nodeA, nodeB] = cluster.nodes;
    admin = await signIn(nodeA.http, TEST_ADMIN_EMAIL, TEST_PASSWORD);
    const stage = summitFixture(nodeA.http);
    const fr = await stage.createOrganisation({ name: 'France', countryCode: 'FR' });
    nz = await stage.createOrganisation({ name: 'New Zealand', shortName: 'NZ', countryCode: 'NZ' });
    ca = await stage.createOrganisation({ name: 'Canada', countryCode: 'CA' });
    const jp = await stage.createOrganisation({ name: 'Japan', countryCode: 'JP' });
    delegate = await joinByInvitation(nodeB.http, nodeB.invitationToken, 'aroha@nz.example', nz);
    outsider = await joinByInvitation(nodeB.http, nodeB.invitationToken, 'kenji@jp.example', jp);
    summitId = await stage.createSummit({
      title: 'Kept agendas',
      hostOrganisationId: fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-16T00:00:00Z',
      participants: [nz, ca, jp].map((organisationId) => ({ organisationId, status: 'confirmed', timeZone: 'UTC' })),
      status: 'announced',
    });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it('shows a change made on one process in the agenda the other serves', async () => {
    const created = await nodeA.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
      .expect(201);
    const sessionId = created.body.session.id as string;
    // Read twice on B: the second answer is the one B keeps.
    expect(await agendaOn(nodeB, delegate)).toMatchObject([{ id: sessionId, startsAt: '2026-05-14T08:00:00.000Z' }]);
    expect(await agendaOn(nodeB, delegate)).toMatchObject([{ id: sessionId, startsAt: '2026-05-14T08:00:00.000Z' }]);

    await nodeA.http
      .post(`/api/sessions/${sessionId}/reschedule`)
      .set(admin.auth)
      .send({ startsAt: '2026-05-14T10:00:00Z', endsAt: '2026-05-14T11:00:00Z', reason: 'Later' })
      .expect(200);
    expect(await agendaOn(nodeB, delegate)).toMatchObject([{ id: sessionId, startsAt: '2026-05-14T10:00:00.000Z', status: 'scheduled' }]);

    await nodeA.http.patch(`/api/sessions/${sessionId}`).set(admin.auth).send({ title: 'Opening plenary' }).expect(200);
    expect(await agendaOn(nodeB, delegate)).toMatchObject([{ id: sessionId, title: 'Opening plenary' }]);

    await nodeA.http.post(`/api/sessions/${sessionId}/cancel`).set(admin.auth).send({ reason: 'Weather' }).expect(200);
    expect(await agendaOn(nodeB, delegate)).toMatchObject([{ id: sessionId, status: 'cancelled' }]);
  });

  it('keeps one agenda per audience and zone: a bilateral only for its parties, each zone its own local times', async () => {
    await nodeB.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'bilateral', title: 'NZ–Canada', startsAt: '2026-05-15T07:00:00Z', endsAt: '2026-05-15T08:00:00Z', organisationIds: [nz, ca] })
      .expect(201);
    const seenBy = async (who: SignedInClient) => (await agendaOn(nodeA, who)).map((s) => s.title);
    // The outsider reads first, so the party's agenda cannot be the outsider's kept one, nor the other way round.
    expect(await seenBy(outsider)).not.toContain('NZ–Canada');
    expect(await seenBy(delegate)).toContain('NZ–Canada');
    expect(await seenBy(outsider)).not.toContain('NZ–Canada');

    const local = async (zone: string) =>
      ((await nodeA.http.get(`/api/summits/${summitId}/agenda?zone=${encodeURIComponent(zone)}`).set(delegate.auth).expect(200)).body as {
        timeZone: string;
        days: { sessions: { title: string; localStart: string }[] }[];
      });
    const paris = await local('Europe/Paris');
    const auckland = await local('Pacific/Auckland');
    const start = (agenda: typeof paris) => agenda.days.flatMap((d) => d.sessions).find((s) => s.title === 'NZ–Canada')?.localStart;
    expect([paris.timeZone, start(paris)]).toEqual(['Europe/Paris', '2026-05-15T09:00']);
    expect([auckland.timeZone, start(auckland)]).toEqual(['Pacific/Auckland', '2026-05-15T19:00']);
  });

  it('follows a change of the summit’s own zone', async () => {
    const before = await nodeB.http.get(`/api/summits/${summitId}/agenda`).set(delegate.auth).expect(200);
    expect(before.body.summitTimeZone).toBe('Europe/Paris');
    await nodeA.http.patch(`/api/summits/${summitId}`).set(admin.auth).send({ timeZone: 'Asia/Tokyo' }).expect(200);
    const after = await nodeB.http.get(`/api/summits/${summitId}/agenda`).set(delegate.auth).expect(200);
    expect([after.body.timeZone, after.body.summitTimeZone]).toEqual(['Asia/Tokyo', 'Asia/Tokyo']);
  });
});
