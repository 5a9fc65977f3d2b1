'use strict';
/**
 * The summit the agenda benchmarks read: DELEGATIONS delegations (60 in the
 * benchmarks' defaults) over two days in Zurich's time zone, set up through
 * the REST API as a host administrator would, and a delegate of its first
 * delegation who reads it.
 */
const { DateTime } = require('luxon');

const ZONE = 'Europe/Zurich';
/** The delegate who reads the agenda. */
const READER = { email: 'reader@bench.test', password: 'agenda delegate password' };

/** ISO 3166-1 codes for the host and the delegations (states need one); past the list, organisations of other kinds. */
const COUNTRIES = (
  'CH FR DE IT ES PT NL BE LU AT IE DK SE NO FI IS PL CZ SK HU SI HR RO BG GR CY MT EE LV LT ' +
  'GB US CA MX BR AR CL PE CO UY JP KR CN IN ID MY SG TH VN PH AU NZ ZA NG KE EG MA TN SN GH ET RW'
).split(' ');

/**
 * One day of the summit, in its time zone: an opening plenary, breakouts in
 * four rooms morning and afternoon (each for a quarter of the delegations),
 * an afternoon of bilaterals (every delegation meets another, six rooms at
 * a time), breaks, a press briefing, and a signing ceremony on the last
 * day. Nobody is booked twice; bilaterals are seen only by their parties.
 */
function daySessions(day, date, delegationIds, lastDay) {
  const at = (time) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO();
  const description = 'Statements by delegations in the order of the speakers list, then the chair’s summary. Interpretation into the six official languages.';
  const documents = [{ title: 'Annotated agenda', url: `https://summit.example.org/documents/day-${day + 1}/agenda.pdf` }];
  const sessions = [
    { kind: 'plenary', title: day === 0 ? 'Opening plenary' : `Plenary: day ${day + 1} reports`, startsAt: at('09:00'), endsAt: at('10:00'), room: 'Plenary hall', description, documents },
    { kind: 'break', title: 'Coffee break', startsAt: at('10:00'), endsAt: at('10:30') },
  ];
  const quarter = Math.ceil(delegationIds.length / 4);
  for (const [slot, from, to] of [
    ['morning', '10:30', '12:00'],
    ['afternoon', '16:30', '17:30'],
  ]) {
    for (let track = 0; track < 4; track += 1) {
      const organisationIds = delegationIds.slice(track * quarter, (track + 1) * quarter);
      if (organisationIds.length === 0) continue;
      sessions.push({
        kind: 'breakout',
        title: `Breakout ${'ABCD'[track]} (${slot}): ${['Finance', 'Adaptation', 'Technology', 'Capacity building'][track]}`,
        startsAt: at(from),
        endsAt: at(to),
        room: `Room ${'ABCD'[track]}`,
        organisationIds,
        description,
        documents,
      });
    }
  }
  sessions.push({ kind: 'break', title: 'Lunch', startsAt: at('12:00'), endsAt: at('13:30') });
  // Pairs that change every day: the delegations in order, the second half turned by `day`.
  const half = Math.floor(delegationIds.length / 2);
  const pairs = Array.from({ length: half }, (_, i) => [delegationIds[i], delegationIds[half + ((i + day) % half)]]);
  pairs.forEach((organisationIds, i) => {
    const slot = Math.floor(i / 6);
    const start = DateTime.fromISO(`${date}T13:30`, { zone: ZONE }).plus({ minutes: 30 * slot });
    sessions.push({
      kind: 'bilateral',
      title: `Bilateral meeting ${day + 1}.${i + 1}`,
      startsAt: start.toUTC().toISO(),
      endsAt: start.plus({ minutes: 25 }).toUTC().toISO(),
      room: `Bilateral room ${(i % 6) + 1}`,
      organisationIds,
    });
  });
  sessions.push({ kind: 'break', title: 'Afternoon break', startsAt: at('16:00'), endsAt: at('16:30') });
  sessions.push({ kind: 'press', title: 'Press briefing', startsAt: at('17:30'), endsAt: at('18:00'), room: 'Press room' });
  if (lastDay) sessions.push({ kind: 'signing_ceremony', title: 'Signing of the joint declaration', startsAt: at('18:00'), endsAt: at('18:30'), room: 'Plenary hall', documents });
  return sessions;
}

/** The summit, as a host administrator sets it up through the API, and a delegate of its first delegation signed in. */
async function setUpAgendaSummit(plenary, delegations) {
  const { admin, call } = plenary;
  const organisation = (i, role) =>
    i < COUNTRIES.length
      ? { kind: 'state', name: `${role} ${COUNTRIES[i]}`, shortName: COUNTRIES[i], countryCode: COUNTRIES[i] }
      : { kind: 'international_organisation', name: `${role} ${i}`, shortName: `IO ${i}` };
  const host = await call('POST', '/organisations', admin, organisation(0, 'Host state'));
  const delegationIds = [];
  for (let i = 1; i <= delegations; i += 1) delegationIds.push((await call('POST', '/organisations', admin, organisation(i, 'Delegation of'))).id);
  const first = DateTime.now().setZone(ZONE).plus({ days: 30 }).startOf('day');
  const dates = [first.toISODate(), first.plus({ days: 1 }).toISODate()];
  const summit = await call('POST', '/summits', admin, {
    title: 'Agenda benchmark summit',
    hostOrganisationId: host.id,
    timeZone: ZONE,
    startsAt: first.set({ hour: 8 }).toUTC().toISO(),
    endsAt: first.plus({ days: 1 }).set({ hour: 19 }).toUTC().toISO(),
  });
  for (const organisationId of [host.id, ...delegationIds]) {
    await call('POST', `/summits/${summit.id}/participants`, admin, { organisationId, status: 'confirmed', timeZone: ZONE });
  }
  await call('POST', `/summits/${summit.id}/status`, admin, { status: 'announced' });
  let sessions = 0;
  for (const [day, date] of dates.entries()) {
    for (const session of daySessions(day, date, delegationIds, day === dates.length - 1)) {
      await call('POST', `/summits/${summit.id}/sessions`, admin, session);
      sessions += 1;
    }
  }
  const [reader] = await plenary.invite([READER.email], delegationIds[0], 'delegate', READER.password);
  return { summitId: summit.id, sessions, token: reader.accessToken, reader: READER };
}

module.exports = { setUpAgendaSummit, ZONE };
