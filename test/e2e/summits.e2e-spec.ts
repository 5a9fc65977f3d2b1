import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

/**
 * A progress summit hosted by France: New Zealand and Canada confirmed, a
 * company invited; a delegate of an organisation that takes no part must not
 * even learn that the summit exists.
 */
describe('Summits, participation and agenda', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let nzDelegate: SignedInClient;
  let outsider: SignedInClient;
  const org: Record<string, string> = {};
  const user: Record<string, string> = {};
  let summitId: string;

  async function member(email: string, organisationId: string): Promise<string> {
    return (await t.joinOrganisation(email, organisationId)).userId;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    org.ca = await t.createOrganisation({ name: 'Canada', countryCode: 'CA' });
    org.nw = await t.createOrganisation({ kind: 'company', name: 'Northwind' });
    org.xx = await t.createOrganisation({ name: 'Elsewhere', countryCode: 'XE' });
    user.nz = await member('delegate@nz.example', org.nz);
    user.ca = await member('delegate@ca.example', org.ca);
    user.chair = await member('chair@fr.example', org.fr);
    user.xx = await member('delegate@xx.example', org.xx);
    nzDelegate = await t.signIn('delegate@nz.example', TEST_PASSWORD);
    outsider = await t.signIn('delegate@xx.example', TEST_PASSWORD);

    // Left a draft: the first test announces it.
    summitId = await t.createSummit({
      title: 'Progress summit',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-10-24T06:00:00Z',
      endsAt: '2026-10-26T20:00:00Z',
      agendaVisibility: 'public',
      participants: [
        { organisationId: org.fr, status: 'confirmed', timeZone: 'Europe/Paris' },
        { organisationId: org.nz, status: 'confirmed', timeZone: 'Pacific/Auckland' },
        { organisationId: org.ca, status: 'confirmed', timeZone: 'America/Toronto' },
        { organisationId: org.nw, status: 'invited', timeZone: 'America/Los_Angeles' },
      ],
    });
    await t.http.put(`/api/summits/${summitId}/members/${user.chair}`).set(admin.auth).send({ role: 'chair', organisationId: org.fr }).expect(200);
    await t.http.put(`/api/summits/${summitId}/members/${user.nz}`).set(admin.auth).send({ role: 'head_of_delegation', organisationId: org.nz, isProxy: true }).expect(200);
    await t.http.put(`/api/summits/${summitId}/members/${user.ca}`).set(admin.auth).send({ role: 'delegate', organisationId: org.ca }).expect(200);
  });
  afterAll(() => t.close());

  it('hides a draft summit from participants and shows it once announced', async () => {
    await t.http.get(`/api/summits/${summitId}`).set(nzDelegate.auth).expect(404);
    await t.http.post(`/api/summits/${summitId}/status`).set(admin.auth).send({ status: 'announced' }).expect(200);
    const res = await t.http.get(`/api/summits/${summitId}`).set(nzDelegate.auth).expect(200);
    expect(res.body).toMatchObject({ title: 'Progress summit', status: 'announced', myRole: 'head_of_delegation', canEdit: false });
    const list = await t.http.get('/api/summits').set(nzDelegate.auth).expect(200);
    expect(list.body.map((s: { id: string }) => s.id)).toEqual([summitId]);
  });

  it('offers the host side the status steps it may take now, and a delegate or an anonymous reader none', async () => {
    const chair = await t.signIn('chair@fr.example', TEST_PASSWORD);
    for (const host of [admin, chair]) {
      const res = await t.http.get(`/api/summits/${summitId}`).set(host.auth).expect(200);
      expect(res.body).toMatchObject({ status: 'announced', nextStatuses: ['live', 'cancelled', 'draft'] });
    }
    const delegate = await t.http.get(`/api/summits/${summitId}`).set(nzDelegate.auth).expect(200);
    expect(delegate.body).toMatchObject({ status: 'announced', canEdit: false, nextStatuses: [] });
    const listed = await t.http.get('/api/summits').set(nzDelegate.auth).expect(200);
    expect(listed.body[0].nextStatuses).toEqual([]);
    const anonymous = await t.http.get(`/api/public/summits/${summitId}`).expect(200);
    expect(anonymous.body.nextStatuses).toEqual([]);

    const draft = await t.http
      .post('/api/summits')
      .set(admin.auth)
      .send({ title: 'Follow-up summit', hostOrganisationId: org.fr, timeZone: 'Europe/Paris', startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T17:00:00Z' })
      .expect(201);
    expect(draft.body.nextStatuses).toEqual(['announced', 'cancelled']);
    const cancelled = await t.http.post(`/api/summits/${draft.body.id}/status`).set(admin.auth).send({ status: 'cancelled' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', nextStatuses: [] });
  });

  it('answers 404 to a delegate of an organisation that takes no part, everywhere', async () => {
    await t.http.get(`/api/summits/${summitId}`).set(outsider.auth).expect(404);
    await t.http.get(`/api/summits/${summitId}/participants`).set(outsider.auth).expect(404);
    await t.http.get(`/api/summits/${summitId}/agenda`).set(outsider.auth).expect(404);
    await t.http.patch(`/api/summits/${summitId}`).set(outsider.auth).send({ title: 'Mine now' }).expect(404);
    const list = await t.http.get('/api/summits').set(outsider.auth).expect(200);
    expect(list.body).toEqual([]);
  });

  it('lets participants read but only the host side edit', async () => {
    await t.http.patch(`/api/summits/${summitId}`).set(nzDelegate.auth).send({ title: 'Ours' }).expect(403);
    const chair = await t.signIn('chair@fr.example', TEST_PASSWORD);
    const res = await t.http.patch(`/api/summits/${summitId}`).set(chair.auth).send({ description: 'Two years on' }).expect(200);
    expect(res.body).toMatchObject({ description: 'Two years on', canEdit: true, myRole: 'chair' });
    await t.http.post('/api/summits').set(chair.auth).send({}).expect(403);
  });

  it('lists participants by kind with their status, and records a later accession with its date', async () => {
    const res = await t.http.get(`/api/summits/${summitId}/participants`).set(nzDelegate.auth).expect(200);
    expect(res.body.map((p: { name: string; status: string }) => `${p.name}:${p.status}`)).toEqual([
      'Northwind:invited',
      'Canada:confirmed',
      'France:confirmed',
      'New Zealand:confirmed',
    ]);
    const accession = await t.http
      .patch(`/api/summits/${summitId}/participants/${org.nw}`)
      .set(admin.auth)
      .send({ status: 'confirmed', joinedAt: '2026-11-02T10:00:00Z' })
      .expect(200);
    expect(accession.body).toMatchObject({ status: 'confirmed', joinedAt: '2026-11-02T10:00:00.000Z' });
  });

  it('lets the chair see the people of a participating organisation to name its delegation', async () => {
    const chair = await t.signIn('chair@fr.example', TEST_PASSWORD);
    const people = await t.http.get(`/api/summits/${summitId}/participants/${org.nz}/people`).set(chair.auth).expect(200);
    expect(people.body).toEqual([expect.objectContaining({ userId: user.nz, email: 'delegate@nz.example', delegationRole: 'delegate' })]);
    await t.http.get(`/api/summits/${summitId}/participants/${org.nz}/people`).set(nzDelegate.auth).expect(403);
    await t.http.get(`/api/summits/${summitId}/participants/${org.xx}/people`).set(chair.auth).expect(404);
  });

  it('refuses a delegation role for someone outside that delegation', async () => {
    const res = await t.http.put(`/api/summits/${summitId}/members/${user.ca}`).set(admin.auth).send({ role: 'delegate', organisationId: org.nz }).expect(400);
    expect(res.body.message).toMatch(/not a member/);
    const members = await t.http.get(`/api/summits/${summitId}/members`).set(nzDelegate.auth).expect(200);
    expect(members.body).toEqual(expect.arrayContaining([expect.objectContaining({ userId: user.nz, role: 'head_of_delegation', isProxy: true })]));
  });

  describe('agenda', () => {
    let plenaryId: string;

    it('creates sessions and refuses a conflicting one unless the host overrides', async () => {
      const plenary = await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Opening plenary', startsAt: '2026-10-24T19:00:00Z', endsAt: '2026-10-24T20:30:00Z', room: 'Salle des fêtes', chairIds: [user.chair] })
        .expect(201);
      plenaryId = plenary.body.session.id;
      expect(plenary.body.warnings).toEqual([]);
      expect(plenary.body.session).toMatchObject({ status: 'scheduled', sequence: 0, videoRoomId: expect.stringMatching(/^session-/) });

      const clash = { kind: 'bilateral', title: 'NZ–Canada bilateral', startsAt: '2026-10-24T20:00:00Z', endsAt: '2026-10-24T21:00:00Z', room: 'salle des fêtes', organisationIds: [org.nz, org.ca] };
      const refused = await t.http.post(`/api/summits/${summitId}/sessions`).set(admin.auth).send(clash).expect(409);
      expect(refused.body.code).toBe('SCHEDULE_CONFLICT');
      expect(refused.body.details.map((c: { type: string }) => c.type).sort()).toEqual(['delegation_double_booked', 'room_overlap']);

      const kept = await t.http.post(`/api/summits/${summitId}/sessions`).set(admin.auth).send({ ...clash, override: true }).expect(201);
      expect(kept.body.warnings).toHaveLength(2);
      await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'bilateral', title: 'Odd', startsAt: '2026-10-25T08:00:00Z', endsAt: '2026-10-25T09:00:00Z', organisationIds: [org.nz] })
        .expect(400);
      await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(nzDelegate.auth)
        .send({ kind: 'press', title: 'Ours', startsAt: '2026-10-25T08:00:00Z', endsAt: '2026-10-25T09:00:00Z' })
        .expect(403);
    });

    it('shows the agenda by day in the summit’s zone, the viewer’s or another, across the end of summer time', async () => {
      await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'breakout', title: 'Day two breakout', startsAt: '2026-10-25T09:00:00Z', endsAt: '2026-10-25T10:00:00Z', organisationIds: [org.ca] })
        .expect(201);
      const paris = await t.http.get(`/api/summits/${summitId}/agenda`).set(admin.auth).expect(200);
      expect(paris.body.timeZone).toBe('Europe/Paris');
      // 24 October is still summer time in Paris (UTC+2); 25 October is winter time (UTC+1).
      expect(paris.body.days.map((d: { date: string; sessions: { title: string; localStart: string }[] }) => [d.date, d.sessions.map((s) => s.localStart)])).toEqual([
        ['2026-10-24', ['2026-10-24T21:00', '2026-10-24T22:00']],
        ['2026-10-25', ['2026-10-25T10:00']],
      ]);
      await t.http.patch('/api/me').set(nzDelegate.auth).send({ timeZone: 'Pacific/Auckland' }).expect(200);
      const auckland = await t.http.get(`/api/summits/${summitId}/agenda?zone=viewer`).set(nzDelegate.auth).expect(200);
      expect(auckland.body.timeZone).toBe('Pacific/Auckland');
      // The opening plenary, 19:00 UTC on the 24th, is 08:00 on the 25th in Auckland (UTC+13).
      expect(auckland.body.days[0].date).toBe('2026-10-25');
      expect(auckland.body.days[0].sessions[0]).toMatchObject({ title: 'Opening plenary', localStart: '2026-10-25T08:00' });
      await t.http.get(`/api/summits/${summitId}/agenda?zone=Mars/Base`).set(admin.auth).expect(400);
    });

    it('shows a bilateral only to its two delegations and the host side', async () => {
      const titles = async (client: SignedInClient) =>
        (await t.http.get(`/api/summits/${summitId}/sessions`).set(client.auth).expect(200)).body.map((s: { title: string }) => s.title);
      expect(await titles(nzDelegate)).toContain('NZ–Canada bilateral');
      await t.createUser({ email: 'other@fr.example', password: TEST_PASSWORD });
      const frMember = await member('staff@fr.example', org.fr);
      expect(frMember).toEqual(expect.any(String));
      const frStaff = await t.signIn('staff@fr.example', TEST_PASSWORD);
      expect(await titles(frStaff)).not.toContain('NZ–Canada bilateral');
      expect(await titles(admin)).toContain('NZ–Canada bilateral');
      const publicAgenda = await t.http.get(`/api/public/summits/${summitId}/agenda`).expect(200);
      const publicTitles = publicAgenda.body.days.flatMap((d: { sessions: { title: string }[] }) => d.sessions.map((s) => s.title));
      expect(publicTitles).toEqual(['Opening plenary', 'Day two breakout']);
    });

    it('reschedules with a history and notifies everyone concerned, each in their language and zone', async () => {
      const chair = await t.signIn('chair@fr.example', TEST_PASSWORD);
      await t.http.patch('/api/me').set(chair.auth).send({ locale: 'fr', timeZone: 'Europe/Paris' }).expect(200);
      const res = await t.http
        .post(`/api/sessions/${plenaryId}/reschedule`)
        .set(admin.auth)
        .send({ startsAt: '2026-10-25T18:00:00Z', endsAt: '2026-10-25T19:30:00Z', reason: 'Leaders asked for a later hour' })
        .expect(200);
      expect(res.body.session).toMatchObject({ startsAt: '2026-10-25T18:00:00.000Z', sequence: 1, status: 'scheduled' });

      const history = await t.http.get(`/api/sessions/${plenaryId}/history`).set(nzDelegate.auth).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({
          kind: 'rescheduled',
          fromStartsAt: '2026-10-24T19:00:00.000Z',
          toStartsAt: '2026-10-25T18:00:00.000Z',
          reason: 'Leaders asked for a later hour',
          changedById: admin.userId,
        }),
      ]);
      const [mail] = (await t.mailTo('delegate@nz.example')).filter((m) => m.subject.includes('rescheduled'));
      expect(mail.textBody).toMatch(/Leaders asked for a later hour/);
      // Shown in the recipient's own zone: 18:00 UTC is 07:00 the next day in Auckland.
      expect(mail.textBody).toMatch(/Monday 26 October 2026, 07:00/);
      const [french] = (await t.mailTo('chair@fr.example')).filter((m) => m.subject.includes('déplacée'));
      expect(french.subject).toBe('Progress summit : séance « Opening plenary » déplacée');
      // Paris has left summer time by then: 18:00 UTC is 19:00 there.
      expect(french.textBody).toContain('Elle est désormais prévue le dimanche 25 octobre 2026 à 19:00 (UTC+1).');
      expect(french.textBody).toContain('Motif : Leaders asked for a later hour');
    });

    it('postpones and cancels with reasons, keeping a cancelled session visible as cancelled', async () => {
      await t.http.post(`/api/sessions/${plenaryId}/postpone`).set(admin.auth).send({ reason: 'Diplomatic consultations' }).expect(200);
      await t.http.post(`/api/sessions/${plenaryId}/postpone`).set(admin.auth).send({ reason: 'Again' }).expect(409);
      const cancelled = await t.http.post(`/api/sessions/${plenaryId}/cancel`).set(admin.auth).send({ reason: 'Called off' }).expect(200);
      expect(cancelled.body.session).toMatchObject({ status: 'cancelled', sequence: 3 });
      const agenda = await t.http.get(`/api/summits/${summitId}/agenda`).set(nzDelegate.auth).expect(200);
      const plenary = agenda.body.days.flatMap((d: { sessions: { id: string; status: string }[] }) => d.sessions).find((s: { id: string }) => s.id === plenaryId);
      expect(plenary.status).toBe('cancelled');
      const history = await t.http.get(`/api/sessions/${plenaryId}/history`).set(admin.auth).expect(200);
      expect(history.body.map((h: { kind: string }) => h.kind)).toEqual(['rescheduled', 'postponed', 'cancelled']);
      await t.http.post(`/api/sessions/${plenaryId}/reschedule`).set(nzDelegate.auth).send({ startsAt: '2026-10-25T18:00:00Z', endsAt: '2026-10-25T19:00:00Z', reason: 'x' }).expect(403);
    });
  });
});
