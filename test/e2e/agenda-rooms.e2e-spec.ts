import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

/** A session as the agenda shows it, for what these tests read of it. */
interface AgendaItem {
  id: string;
  conflicts: unknown[];
  previous: unknown;
  [field: string]: unknown;
}

/** Rooms, names in both languages, conflicts kept on the agenda, previous times and the agenda as a PDF. */
describe('Agenda rooms, names and timetable data', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let nz: SignedInClient;
  const org: Record<string, string> = {};
  let summitId: string;

  const agenda = (client: SignedInClient, zone = 'summit') => t.http.get(`/api/summits/${summitId}/agenda?zone=${zone}`).set(client.auth).expect(200);
  const sessionsOf = (body: { days: { sessions: { id: string }[] }[] }) => body.days.flatMap((d) => d.sessions) as AgendaItem[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    nz = await t.joinOrganisation('delegate@nz.example', org.nz);
    summitId = await t.createSummit({
      title: 'Sommet pour un Internet ouvert',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-17T00:00:00Z',
      participants: [
        { organisationId: org.fr, status: 'confirmed', timeZone: 'Europe/Paris' },
        { organisationId: org.nz, status: 'confirmed', timeZone: 'Pacific/Auckland' },
      ],
      status: 'announced',
    });
  });
  afterAll(() => t.close());

  it('gives organisations a French name and short name', async () => {
    const res = await t.http.patch(`/api/organisations/${org.nz}`).set(admin.auth).send({ nameFr: 'Nouvelle-Zélande', shortNameFr: 'Nouvelle-Zélande' }).expect(200);
    expect(res.body).toMatchObject({ name: 'New Zealand', nameFr: 'Nouvelle-Zélande', shortNameFr: 'Nouvelle-Zélande' });
    const participants = await t.http.get(`/api/summits/${summitId}/participants`).set(nz.auth).expect(200);
    expect(participants.body).toContainEqual(expect.objectContaining({ organisationId: org.nz, nameFr: 'Nouvelle-Zélande' }));
  });

  describe('rooms', () => {
    let roomId: string;

    it('lets the host side create rooms and everyone in the summit list them', async () => {
      const res = await t.http.post(`/api/summits/${summitId}/rooms`).set(admin.auth).send({ name: 'Hall of Mirrors', nameFr: 'Galerie des Glaces', capacity: 300 }).expect(201);
      roomId = res.body.id;
      expect(res.body).toEqual({ id: expect.any(String), summitId, name: 'Hall of Mirrors', nameFr: 'Galerie des Glaces', capacity: 300 });
      const list = await t.http.get(`/api/summits/${summitId}/rooms`).set(nz.auth).expect(200);
      expect(list.body).toEqual([res.body]);
      await t.http.post(`/api/summits/${summitId}/rooms`).set(nz.auth).send({ name: 'Annex' }).expect(403);
    });

    it('refuses a second room of the same name, in either language, with ROOM_NAME_TAKEN', async () => {
      const same = await t.http.post(`/api/summits/${summitId}/rooms`).set(admin.auth).send({ name: ' hall of mirrors ' }).expect(409);
      expect(same.body.code).toBe('ROOM_NAME_TAKEN');
      const french = await t.http.post(`/api/summits/${summitId}/rooms`).set(admin.auth).send({ name: 'Mirror hall', nameFr: 'Galerie des glaces' }).expect(409);
      expect(french.body.code).toBe('ROOM_NAME_TAKEN');
      const other = await t.http.post(`/api/summits/${summitId}/rooms`).set(admin.auth).send({ name: 'Salon Murat' }).expect(201);
      const rename = await t.http.patch(`/api/summits/${summitId}/rooms/${other.body.id}`).set(admin.auth).send({ name: 'Hall of Mirrors' }).expect(409);
      expect(rename.body.code).toBe('ROOM_NAME_TAKEN');
    });

    it('answers 404 for a room that is not the summit’s and 400 for bad input', async () => {
      await t.http.patch(`/api/summits/${summitId}/rooms/00000000-0000-4000-8000-000000000000`).set(admin.auth).send({ name: 'X' }).expect(404);
      await t.http.patch(`/api/summits/${summitId}/rooms/not-a-uuid`).set(admin.auth).send({ name: 'X' }).expect(400);
      await t.http.post(`/api/summits/${summitId}/rooms`).set(admin.auth).send({ name: '', capacity: -3 }).expect(400);
      await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Nowhere', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z', roomId: '00000000-0000-4000-8000-000000000000' })
        .expect(404);
    });

    it('puts a session in a room with its names in both languages, and shows a rename on the kept agenda at once', async () => {
      const created = await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Opening of the summit', titleFr: 'Séance d’ouverture', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z', roomId })
        .expect(201);
      expect(created.body.session).toMatchObject({ roomId, room: 'Hall of Mirrors', titleFr: 'Séance d’ouverture' });
      const before = await agenda(nz);
      expect(before.body.rooms).toContainEqual({ id: roomId, name: 'Hall of Mirrors', nameFr: 'Galerie des Glaces', capacity: 300 });
      expect(sessionsOf(before.body)).toEqual([expect.objectContaining({ title: 'Opening of the summit', titleFr: 'Séance d’ouverture', roomId, room: 'Hall of Mirrors', roomNameFr: 'Galerie des Glaces', conflicts: [], previous: null })]);
      // The same agenda again is the kept one, with the same tag.
      const again = await agenda(nz);
      expect(again.headers.etag).toBe(before.headers.etag);

      await t.http.patch(`/api/summits/${summitId}/rooms/${roomId}`).set(admin.auth).send({ name: 'Mirror Gallery', nameFr: 'Galerie des glaces' }).expect(200);
      const after = await agenda(nz);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(sessionsOf(after.body)[0]).toMatchObject({ room: 'Mirror Gallery', roomNameFr: 'Galerie des glaces' });
      expect(after.body.rooms).toContainEqual(expect.objectContaining({ id: roomId, name: 'Mirror Gallery' }));
    });
  });

  describe('conflicts and moves kept on the agenda', () => {
    let roomId: string;
    let first: string;
    let second: string;

    beforeAll(async () => {
      roomId = (await t.http.post(`/api/summits/${summitId}/rooms`).set(admin.auth).send({ name: 'Press room', nameFr: 'Salle de presse' }).expect(201)).body.id;
      first = (
        await t.http
          .post(`/api/summits/${summitId}/sessions`)
          .set(admin.auth)
          .send({ kind: 'press', title: 'Press briefing', startsAt: '2026-05-15T10:00:00Z', endsAt: '2026-05-15T11:00:00Z', roomId, organisationIds: [org.fr] })
          .expect(201)
      ).body.session.id;
    });

    it('refuses a clash unless saved with override, and then marks both sessions on the agenda', async () => {
      const body = { kind: 'press', title: 'Déclaration à la presse', startsAt: '2026-05-15T10:30:00Z', endsAt: '2026-05-15T11:30:00Z', roomId, organisationIds: [org.nz] };
      const refused = await t.http.post(`/api/summits/${summitId}/sessions`).set(admin.auth).send(body).expect(409);
      expect(refused.body.code).toBe('SCHEDULE_CONFLICT');
      const saved = await t.http.post(`/api/summits/${summitId}/sessions`).set(admin.auth).send({ ...body, override: true }).expect(201);
      second = saved.body.session.id;
      expect(saved.body.warnings).toEqual([expect.objectContaining({ type: 'room_overlap', sessionId: first })]);

      const sessions = sessionsOf((await agenda(nz)).body);
      expect(sessions.find((s) => s.id === second)!.conflicts).toEqual([{ type: 'room_overlap', sessionId: first, message: expect.stringContaining('Press room') }]);
      expect(sessions.find((s) => s.id === first)!.conflicts).toEqual([{ type: 'room_overlap', sessionId: second, message: expect.any(String) }]);
    });

    it('carries the previous time of a moved session, and the conflict is gone once resolved', async () => {
      await t.http.post(`/api/sessions/${second}/reschedule`).set(admin.auth).send({ startsAt: '2026-05-15T12:00:00Z', endsAt: '2026-05-15T13:00:00Z', reason: 'Moved after the leaders’ lunch' }).expect(200);
      const sessions = sessionsOf((await agenda(nz, 'UTC')).body);
      const moved = sessions.find((s) => s.id === second)!;
      expect(moved.conflicts).toEqual([]);
      expect(sessions.find((s) => s.id === first)!.conflicts).toEqual([]);
      expect(moved.previous).toEqual({
        kind: 'rescheduled',
        startsAt: '2026-05-15T10:30:00.000Z',
        endsAt: '2026-05-15T11:30:00.000Z',
        localStart: '2026-05-15T10:30',
        localEnd: '2026-05-15T11:30',
        reason: 'Moved after the leaders’ lunch',
        changedAt: expect.any(String),
      });
    });

    it('carries the time a postponed session was postponed from', async () => {
      await t.http.post(`/api/sessions/${first}/postpone`).set(admin.auth).send({ reason: 'Awaiting the text' }).expect(200);
      const postponed = sessionsOf((await agenda(nz)).body).find((s) => s.id === first)!;
      expect(postponed).toMatchObject({ status: 'postponed', previous: { kind: 'postponed', localStart: '2026-05-15T12:00', reason: 'Awaiting the text' } });
    });
  });

  describe('the agenda as a PDF', () => {
    it('is a PDF holding the session titles with their accents, in the language asked for', async () => {
      const res = await t.http
        .get(`/api/summits/${summitId}/agenda.pdf?lang=fr&zone=Pacific/Auckland`)
        .set(nz.auth)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // pdfkit writes its text as hex glyph ids of an embedded font subset; the document's title (its Info) is plain text.
      expect(pdf.toString('latin1')).toContain('/Title');
      expect(await textOf(pdf)).toContain('Séance d’ouverture');
    });

    it('is refused to someone outside the summit and for a bad language', async () => {
      const outsider = await t.joinOrganisation('delegate@xx.example', await t.createOrganisation({ name: 'Elsewhere', countryCode: 'XE' }));
      await t.http.get(`/api/summits/${summitId}/agenda.pdf`).set(outsider.auth).expect(404);
      await t.http.get(`/api/summits/${summitId}/agenda.pdf?lang=de`).set(nz.auth).expect(400);
    });
  });
});

/**
 * The text a PDF shows, read back through its fonts' ToUnicode maps. Each
 * embedded font subset numbers its glyphs from 1, so every text run is read
 * through each map in turn: the run's own font gives the words, the others noise.
 */
async function textOf(pdf: Buffer): Promise<string> {
  const { inflateSync } = await import('node:zlib');
  const source = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    const start = m.index + m[0].length;
    const end = source.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(raw).toString('latin1'));
    } catch {
      // Not a compressed stream (a CMap, say): its own text.
      streams.push(raw.toString('latin1'));
    }
  }
  const maps = streams
    .filter((x) => x.includes('beginbfrange'))
    .map((cmap) => {
      const map = new Map<number, string>();
      for (const [, from, to, dst] of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
        // A ligature's glyph maps to several characters: <0066 0069> is "fi".
        const codes = [...dst.matchAll(/<([0-9a-f ]+)>/gi)].map((x) => String.fromCharCode(...x[1].split(' ').map((h) => parseInt(h, 16))));
        for (let g = parseInt(from, 16), i = 0; g <= parseInt(to, 16); g++, i++) map.set(g, codes[i] ?? '');
      }
      return map;
    });
  const runs = streams.flatMap((x) => [...x.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((run) => [...run[1].matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1]).join('')));
  return maps.flatMap((map) => runs.map((hex) => (hex.match(/.{4}/g) ?? []).map((g) => map.get(parseInt(g, 16)) ?? '').join(''))).join('\n');
}
