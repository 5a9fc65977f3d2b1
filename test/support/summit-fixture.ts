// Setting the stage for a suite the way the host administrator does it through
// the API: organisations, then a summit hosted by one of them, its
// participants, and its announcement. Bodies mirror the API's own, so a
// reader can follow a call to its controller; the helpers only check that
// each step succeeded and hand back the new id.
import type { OrganisationKind } from '@plenary/identity';
import type { ParticipationStatus, Visibility } from '@plenary/summits';
import { assertStatus, Http, signIn, TEST_ADMIN_EMAIL, TEST_PASSWORD } from './server';

/** The body of `POST /api/organisations`; `kind` defaults to a state, `shortName` to the name. */
export interface OrganisationInput {
  name: string;
  shortName?: string;
  kind?: `${OrganisationKind}`;
  /** Required by the API for a state. */
  countryCode?: string;
}

/** The body of `POST /api/summits/:id/participants`; without a status the API records the organisation as invited. */
export interface ParticipantInput {
  organisationId: string;
  status?: `${ParticipationStatus}`;
  /** The delegation's capital time zone. */
  timeZone: string;
}

/** The body of `POST /api/summits`, with the participants to add and whether to announce it straight away. */
export interface SummitInput {
  title: string;
  hostOrganisationId: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  agendaVisibility?: `${Visibility}`;
  participants?: ParticipantInput[];
  /** A summit is created as a draft, hidden from participants; `announced` publishes it to them. */
  status?: 'draft' | 'announced';
}

export interface SummitFixture {
  /** Creates an organisation as the host administrator; resolves to its id. */
  createOrganisation(input: OrganisationInput): Promise<string>;
  /** Creates a summit as the host administrator, adds its participants in order and announces it if asked; resolves to its id. */
  createSummit(input: SummitInput): Promise<string>;
}

export function summitFixture(http: Http): SummitFixture {
  const hostAdmin = () => signIn(http, TEST_ADMIN_EMAIL, TEST_PASSWORD);

  return {
    async createOrganisation({ name, shortName = name, kind = 'state', countryCode }) {
      const admin = await hostAdmin();
      const res = await http.post('/api/organisations').set(admin.auth).send({ kind, name, shortName, countryCode });
      assertStatus(res, 201, `creating organisation ${name}`);
      return res.body.id;
    },

    async createSummit({ participants = [], status = 'draft', ...summit }) {
      const admin = await hostAdmin();
      const created = await http.post('/api/summits').set(admin.auth).send(summit);
      assertStatus(created, 201, `creating summit ${summit.title}`);
      const summitId: string = created.body.id;
      for (const participant of participants) {
        const added = await http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send(participant);
        assertStatus(added, 201, `adding participant ${participant.organisationId} to ${summit.title}`);
      }
      if (status === 'announced') {
        const announced = await http.post(`/api/summits/${summitId}/status`).set(admin.auth).send({ status });
        assertStatus(announced, 200, `announcing summit ${summit.title}`);
      }
      return summitId;
    },
  };
}
