import ICAL from 'ical.js';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

/** Speakers lists, fair meeting hours and calendar feeds of one summit. */
describe('Speakers list, fairness helper and calendars', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let nz: SignedInClient;
  let outsider: SignedInClient;
  const org: Record<string, string> = {};
  let summitId: string;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    org.us = await t.createOrganisation({ name: 'United States', countryCode: 'US' });
    org.ngo = await t.createOrganisation({ kind: 'civil_society', name: 'Digital Rights Watch' });
    org.xx = await t.createOrganisation({ name: 'Elsewhere', countryCode: 'XE' });
    nz = await t.joinOrganisation('delegate@nz.example', org.nz);
    outsider = await t.joinOrganisation('delegate@xx.example', org.xx);
    summitId = await t.createSummit({
      title: 'Leaders’ call',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-17T00:00:00Z',
      participants: [
        { organisationId: org.fr, status: 'confirmed', timeZone: 'Europe/Paris' },
        { organisationId: org.nz, status: 'confirmed', timeZone: 'Pacific/Auckland' },
        { organisationId: org.us, status: 'confirmed', timeZone: 'America/New_York' },
        { organisationId: org.ngo, status: 'confirmed', timeZone: 'Europe/London' },
      ],
      status: 'announced',
    });
    sessionId = (
      await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Review of commitments', startsAt: '2026-05-14T20:00:00Z', endsAt: '2026-05-14T22:00:00Z', speechSeconds: 180, speakersOrder: 'protocol' })
        .expect(201)
    ).body.session.id;
  });
  afterAll(() => t.close());

  describe('speakers list', () => {
    it('lets a delegate ask for the floor for their own delegation only', async () => {
      const res = await t.http.post(`/api/sessions/${sessionId}/speakers`).set(nz.auth).send({ organisationId: org.nz, kind: 'speech' }).expect(200);
      expect(res.body.queue).toEqual([expect.objectContaining({ organisationName: 'New Zealand', kind: 'speech', allottedSeconds: 180, status: 'waiting' })]);
      await t.http.post(`/api/sessions/${sessionId}/speakers`).set(nz.auth).send({ organisationId: org.us, kind: 'speech' }).expect(403);
      await t.http.post(`/api/sessions/${sessionId}/speakers`).set(nz.auth).send({ organisationId: org.nz, kind: 'speech' }).expect(409);
      await t.http.get(`/api/sessions/${sessionId}/speakers`).set(outsider.auth).expect(404);
    });

    it('orders by protocol with points of order first, and lets only the chair run the list', async () => {
      await t.http.post(`/api/sessions/${sessionId}/speakers`).set(admin.auth).send({ organisationId: org.ngo, kind: 'speech' }).expect(200);
      await t.http.post(`/api/sessions/${sessionId}/speakers`).set(admin.auth).send({ organisationId: org.us, kind: 'speech' }).expect(200);
      const list = await t.http.post(`/api/sessions/${sessionId}/speakers`).set(admin.auth).send({ organisationId: org.fr, kind: 'point_of_order' }).expect(200);
      expect(list.body.queue.map((e: { organisationName: string; kind: string }) => `${e.organisationName}/${e.kind}`)).toEqual([
        'France/point_of_order',
        'New Zealand/speech',
        'United States/speech',
        'Digital Rights Watch/speech',
      ]);
      await t.http.post(`/api/sessions/${sessionId}/speakers/next`).set(nz.auth).expect(403);

      const running = await t.http.post(`/api/sessions/${sessionId}/speakers/next`).set(admin.auth).expect(200);
      expect(running.body.current).toMatchObject({ organisationName: 'France', kind: 'point_of_order', status: 'speaking' });
      const nzSpeaks = await t.http.post(`/api/sessions/${sessionId}/speakers/next`).set(admin.auth).expect(200);
      expect(nzSpeaks.body.current).toMatchObject({ organisationName: 'New Zealand', status: 'speaking', remainingSeconds: expect.any(Number) });
      const paused = await t.http.post(`/api/sessions/${sessionId}/speakers/pause`).set(admin.auth).expect(200);
      expect(paused.body.current.status).toBe('paused');
      const refused = await t.http.post(`/api/sessions/${sessionId}/speakers/pause`).set(admin.auth).expect(409);
      expect(refused.body).toMatchObject({ code: 'SPEAKERS_LIST', details: { reason: 'NOT_SPEAKING' } });
      await t.http.post(`/api/sessions/${sessionId}/speakers/resume`).set(admin.auth).expect(200);
      const ended = await t.http.post(`/api/sessions/${sessionId}/speakers/end`).set(admin.auth).expect(200);
      expect(ended.body.current).toBeNull();
      expect(ended.body.delegations.map((d: { organisationId: string }) => d.organisationId)).toEqual(expect.arrayContaining([org.nz]));
    });

    it('lets a delegation withdraw its own request', async () => {
      const entry = (await t.http.get(`/api/sessions/${sessionId}/speakers`).set(admin.auth)).body.queue.find((e: { organisationId: string }) => e.organisationId === org.us);
      await t.http.delete(`/api/sessions/${sessionId}/speakers/${entry.id}`).set(nz.auth).expect(403);
      const res = await t.http.delete(`/api/sessions/${sessionId}/speakers/${entry.id}`).set(admin.auth).expect(200);
      expect(res.body.queue.map((e: { organisationId: string }) => e.organisationId)).toEqual([org.ngo]);
    });
  });

  describe('fairness helper', () => {
    it('proposes the hours reasonable for most confirmed delegations and names who is not', async () => {
      const res = await t.http
        .post(`/api/summits/${summitId}/fairness`)
        .set(admin.auth)
        .send({ durationMinutes: 90, from: '2026-05-14T00:00:00Z', to: '2026-05-16T00:00:00Z' })
        .expect(200);
      expect(res.body.length).toBeGreaterThan(0);
      const best = res.body[0];
      // Paris, London, New York and Auckland cannot all be between 07:00 and 22:00: someone is always outside.
      expect(best.reasonableCount).toBe(3);
      expect(best.unreasonable).toHaveLength(1);
      expect(best.local).toHaveLength(4);
      for (let i = 1; i < res.body.length; i++) expect(res.body[i].reasonableCount).toBeLessThanOrEqual(res.body[i - 1].reasonableCount);
    });

    it('is for the host side only, and validates the request', async () => {
      await t.http.post(`/api/summits/${summitId}/fairness`).set(nz.auth).send({ durationMinutes: 90, from: '2026-05-14T00:00:00Z', to: '2026-05-16T00:00:00Z' }).expect(403);
      await t.http.post(`/api/summits/${summitId}/fairness`).set(admin.auth).send({ durationMinutes: 5, from: '2026-05-14T00:00:00Z', to: '2026-05-16T00:00:00Z' }).expect(400);
      await t.http.post(`/api/summits/${summitId}/fairness`).set(admin.auth).send({ durationMinutes: 90, from: '2026-05-16T00:00:00Z', to: '2026-05-14T00:00:00Z' }).expect(400);
    });
  });

  describe('calendars', () => {
    function events(ics: string): ICAL.Component[] {
      return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    }

    it('serves the summit as iCalendar with stable UIDs and SEQUENCE bumped on change', async () => {
      const before = await t.http.get(`/api/summits/${summitId}/calendar.ics`).set(nz.auth).expect(200);
      expect(before.headers['content-type']).toMatch(/text\/calendar/);
      const [event] = events(before.text);
      const uid = event.getFirstPropertyValue('uid');
      expect(event.getFirstPropertyValue('sequence')).toBe(0);
      expect(event.getFirstPropertyValue('dtstart')!.toString()).toBe('2026-05-14T20:00:00Z');

      await t.http.post(`/api/sessions/${sessionId}/cancel`).set(admin.auth).send({ reason: 'Moved to next year' }).expect(200);
      const after = await t.http.get(`/api/summits/${summitId}/calendar.ics`).set(nz.auth).expect(200);
      const [changed] = events(after.text);
      expect(changed.getFirstPropertyValue('uid')).toBe(uid);
      expect(changed.getFirstPropertyValue('sequence')).toBe(1);
      expect(changed.getFirstPropertyValue('status')).toBe('CANCELLED');
      await t.http.get(`/api/summits/${summitId}/calendar.ics`).set(outsider.auth).expect(404);
    });

    it('issues a secret webcal address that works without signing in, until revoked', async () => {
      const issued = await t.http.post('/api/calendar-feeds').set(nz.auth).send({ summitId }).expect(201);
      expect(issued.body.url).toMatch(/^webcal:\/\//);
      const path = new URL(issued.body.httpUrl).pathname;
      const feed = await t.http.get(path).expect(200);
      expect(events(feed.text)).toHaveLength(1);
      await t.http.get(path.replace(/.{8}\.ics$/, 'AAAAAAAA.ics')).expect(404);
      await t.http.post('/api/calendar-feeds').set(outsider.auth).send({ summitId }).expect(404);

      await t.http.delete(`/api/calendar-feeds/${issued.body.id}`).set(nz.auth).expect(204);
      await t.http.get(path).expect(404);
    });
  });
});
