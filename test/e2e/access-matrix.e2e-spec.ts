import { CanActivate, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AUTHENTICATED_KEY, GUARDED_ROUTE_KEY, IS_PUBLIC_KEY, PERMISSIONS_KEY, Permission, PlatformRole, Principal, roleHasPermission } from '@plenary/identity';
import { SUMMIT_ACCESS_KEY, SUMMIT_RULE, SummitAccessGuard, SummitAccessRule, SummitScopes } from '@plenary/summits';
import { io } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

type Handler = (...args: never[]) => unknown;

interface RouteInfo {
  method: string;
  path: string;
  controller: new (...args: never[]) => unknown;
  handler: Handler;
  isPublic: boolean;
  authenticated: boolean;
  permissions: Permission[] | undefined;
  /** The kind of rule kept by the route's own guard (`summit`), if any. */
  guardedBy: string | undefined;
  summit: SummitAccessRule | undefined;
  /** How many kinds of rule the route declares where its rule is read (the handler, else its controller). */
  ruleKinds: number;
}

/** Routes that anonymous callers may reach. Adding a @Public() route means adding it here, on purpose. */
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'GET /api/invitations/preview',
  'POST /api/invitations/accept',
  'GET /health',
  'GET /metrics',
]);

/**
 * The changes participants make to a summit they read; every other change to
 * a summit is for its host side. Opening another change to participants means
 * adding it here, on purpose.
 */
const PARTICIPANT_CHANGES = new Set([
  'POST /api/summits/:id/channels/direct',
  'POST /api/channels/:id/read',
  'DELETE /api/messages/:id',
  'POST /api/sessions/:id/speakers',
  'DELETE /api/sessions/:id/speakers/:entryId',
]);

const UNPREFIXED = new Set(['health', 'metrics']);
const RULE_KEYS = [IS_PUBLIC_KEY, AUTHENTICATED_KEY, PERMISSIONS_KEY, GUARDED_ROUTE_KEY];

/** Every route the application registers, read from the controllers' own metadata. */
function registeredRoutes(t: TestApp): RouteInfo[] {
  const reflector = new Reflector();
  const routes: RouteInfo[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name] as Handler;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '').replace(/^\/|\/$/g, '');
        const prefix = UNPREFIXED.has(base) ? '' : '/api';
        const path = [prefix, base, sub].filter(Boolean).join('/').replace(/\/+/g, '/');
        const targets = [handler, controller];
        const declaredOn = (target: object) => RULE_KEYS.filter((key) => Reflect.getMetadata(key, target) !== undefined).length;
        routes.push({
          method: RequestMethod[method],
          path: path.startsWith('/') ? path : '/' + path,
          controller,
          handler,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false,
          authenticated: reflector.getAllAndOverride<boolean>(AUTHENTICATED_KEY, targets) ?? false,
          permissions: reflector.getAllAndOverride<Permission[]>(PERMISSIONS_KEY, targets),
          guardedBy: reflector.getAllAndOverride<string>(GUARDED_ROUTE_KEY, targets),
          summit: reflector.getAllAndOverride<SummitAccessRule>(SUMMIT_ACCESS_KEY, targets),
          ruleKinds: declaredOn(handler) || declaredOn(controller),
        });
      }
    }
  }
  return routes;
}

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, SAMPLE_ID);
}

const name = (route: RouteInfo) => `${route.method} ${route.path}`;

describe('Authorisation matrix', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  let participant: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp();
    routes = registeredRoutes(t);
    await t.createUser({ email: 'participant@example.org', password: TEST_PASSWORD });
    participant = await t.signIn('participant@example.org', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  function call(route: RouteInfo, path: string) {
    return t.http[route.method.toLowerCase() as 'get'](path);
  }

  it('finds the routes of every controller', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map(name)).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/me', 'POST /api/invitations', 'GET /api/channels/:id/messages']));
  });

  it('declares exactly one kind of access rule on every route (default deny)', () => {
    expect(routes.filter((r) => r.ruleKinds !== 1).map((r) => `${name(r)}: ${r.ruleKinds} rules`)).toEqual([]);
  });

  it('opens only the known public routes', () => {
    const open = routes.filter((r) => r.isPublic).map(name);
    expect(open.filter((r) => !PUBLIC_ROUTES.has(r) && !r.includes(' /api/public/'))).toEqual([]);
  });

  it('declares summit access on every route about a thing of a summit, from the parameter that names it', () => {
    const kinds = t.app.get(SummitScopes).kinds();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['summit', 'session', 'channel', 'message']));
    const segments = new Map(kinds.map((k) => [k.kind, k.segment]));
    const scoped = routes.filter((r) => kinds.some((k) => r.path.startsWith(`/api/${k.segment}/:`)));
    expect(scoped.length).toBeGreaterThan(30);
    expect(scoped.filter((r) => r.guardedBy !== SUMMIT_RULE || !r.summit).map(name)).toEqual([]);
    const misdeclared = routes
      .filter((r) => r.summit)
      .filter((r) => !segments.has(r.summit!.from) || !r.path.includes(`/${segments.get(r.summit!.from)}/:${r.summit!.param}`));
    expect(misdeclared.map((r) => `${name(r)} from ${r.summit!.from} :${r.summit!.param}`)).toEqual([]);
  });

  it('keeps every change to a summit for its host side, but the known changes participants make', () => {
    const forParticipants = routes.filter((r) => r.summit?.level === 'read' && r.method !== 'GET').map(name);
    expect(forParticipants.sort()).toEqual([...PARTICIPANT_CHANGES].sort());
  });

  it('answers an anonymous caller with 401 on every route that is not public', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await call(route, concrete(route.path)).send({});
      if (res.status !== 401 || res.body.code !== 'UNAUTHENTICATED') failures.push(`${name(route)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers an expired or forged token with 401 as well', async () => {
    const forged = participant.accessToken.slice(0, -4) + 'AAAA';
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await call(route, concrete(route.path)).set('Authorization', `Bearer ${forged}`).send({});
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 401 });
    }
  });

  it('answers a participant with 403 on every route whose permission their role lacks', async () => {
    const failures: string[] = [];
    const guarded = routes.filter((r) => r.permissions?.some((p) => !roleHasPermission(PlatformRole.Participant, p)));
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const res = await call(route, concrete(route.path)).set(participant.auth).send({});
      if (res.status !== 403) failures.push(`${name(route)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  /**
   * One summit hosted by France, with someone in every place a person can
   * hold, and a real id for every parameter the summit's routes take. Every
   * summit-scoped route, read from the metadata, is called by each of them.
   */
  describe('summit roles', () => {
    interface Caller {
      label: string;
      client: SignedInClient;
      principal: Principal;
    }
    const people: Record<string, Caller> = {};
    /** The id after each collection segment (`summits/:id`…), and the ids of the other named parameters. */
    const ids: Record<string, string> = {};
    const params: Record<string, string> = {};
    let summitRoutes: RouteInfo[];
    let guard: CanActivate;

    async function person(label: string, email: string, organisationId: string | null, platformRole = PlatformRole.Participant): Promise<Caller> {
      const client = organisationId ? await t.joinOrganisation(email, organisationId) : await createAndSignIn(email, platformRole);
      people[label] = { label, client, principal: { userId: client.userId, sessionId: 'matrix', email, platformRole } };
      return people[label];
    }

    async function createAndSignIn(email: string, platformRole: PlatformRole): Promise<SignedInClient> {
      await t.createUser({ email, password: TEST_PASSWORD, platformRole });
      return t.signIn(email, TEST_PASSWORD);
    }

    /** The route's path with the fixture's ids; a parameter the fixture has no id for fails the test, naming it. */
    function pathOf(route: RouteInfo): string {
      const segments = route.path.split('/');
      return segments
        .map((segment, i) => {
          if (!segment.startsWith(':')) return segment;
          const id = params[segment.slice(1)] ?? ids[segments[i - 1]];
          if (!id) throw new Error(`The matrix has no id for ${segment} in ${name(route)}: add one to its fixture`);
          return id;
        })
        .join('/');
    }

    beforeAll(async () => {
      const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
      const org = {
        fr: await t.createOrganisation({ name: 'France', countryCode: 'FR' }),
        nz: await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' }),
        coe: await t.createOrganisation({ kind: 'international_organisation', name: 'Council of Europe', shortName: 'CoE' }),
        jp: await t.createOrganisation({ name: 'Japan', countryCode: 'JP' }),
        ca: await t.createOrganisation({ name: 'Canada', countryCode: 'CA' }),
        xx: await t.createOrganisation({ name: 'Elsewhere', countryCode: 'XE' }),
      };
      ids.summits = await t.createSummit({
        title: 'Matrix summit',
        hostOrganisationId: org.fr,
        timeZone: 'Europe/Paris',
        startsAt: '2026-05-14T00:00:00Z',
        endsAt: '2026-05-16T00:00:00Z',
        participants: [
          { organisationId: org.fr, status: 'confirmed', timeZone: 'Europe/Paris' },
          { organisationId: org.nz, status: 'confirmed', timeZone: 'Pacific/Auckland' },
          { organisationId: org.coe, status: 'observer', timeZone: 'Europe/Paris' },
          { organisationId: org.jp, status: 'confirmed', timeZone: 'Asia/Tokyo' },
          { organisationId: org.ca, status: 'invited', timeZone: 'America/Toronto' },
        ],
        status: 'announced',
      });
      const summitId = ids.summits;
      people.hostAdmin = { label: 'hostAdmin', client: admin, principal: { userId: admin.userId, sessionId: 'matrix', email: 'admin@plenary.test', platformRole: PlatformRole.HostAdmin } };
      const named: [string, string, string | null, string, string | undefined][] = [
        ['chair', 'chair@fr.example', org.fr, 'chair', org.fr],
        ['coChair', 'co-chair@example.org', null, 'co_chair', undefined],
        ['secretariat', 'officer@fr.example', org.fr, 'secretariat', undefined],
        ['headOfDelegation', 'head@nz.example', org.nz, 'head_of_delegation', org.nz],
        ['delegate', 'delegate@nz.example', org.nz, 'delegate', org.nz],
        ['observer', 'observer@coe.example', org.coe, 'observer', org.coe],
        ['withdrawn', 'delegate@jp.example', org.jp, 'delegate', org.jp],
        ['declined', 'delegate@ca.example', org.ca, 'delegate', org.ca],
      ];
      for (const [label, email, organisationId, role, delegation] of named) {
        const { client } = await person(label, email, organisationId);
        await t.http.put(`/api/summits/${summitId}/members/${client.userId}`).set(admin.auth).send({ role, organisationId: delegation }).expect(200);
      }
      await person('withdrawnMember', 'member@jp.example', org.jp);
      await person('platformSecretariat', 'secretariat@plenary.test', null, PlatformRole.Secretariat);
      await person('outsider', 'delegate@xx.example', org.xx);

      const session = await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
        .expect(201);
      ids.sessions = session.body.session.id;
      const speakers = await t.http.post(`/api/sessions/${ids.sessions}/speakers`).set(people.headOfDelegation.client.auth).send({ organisationId: org.nz, kind: 'speech' }).expect(200);
      params.entryId = speakers.body.queue[0].id;
      const channels = (await t.http.get(`/api/summits/${summitId}/channels`).set(people.delegate.client.auth).expect(200)).body as { id: string; kind: string }[];
      ids.channels = channels.find((c) => c.kind === 'lobby')!.id;
      ids.messages = await sendInLobby(people.delegate.client, ids.channels);
      params.organisationId = org.nz;
      params.userId = people.delegate.client.userId;
      const invitation = await t.http.post(`/api/summits/${summitId}/invitations`).set(admin.auth).send({ email: 'adviser@nz.example', organisationId: org.nz }).expect(201);
      params.invitationId = invitation.body.id;
      params.roomId = (await t.http.post(`/api/summits/${summitId}/rooms`).set(admin.auth).send({ name: 'Plenary hall' }).expect(201)).body.id;

      await t.http.patch(`/api/summits/${summitId}/participants/${org.jp}`).set(admin.auth).send({ status: 'withdrawn' }).expect(200);
      await t.http.patch(`/api/summits/${summitId}/participants/${org.ca}`).set(admin.auth).send({ status: 'declined' }).expect(200);

      summitRoutes = routes.filter((r) => r.summit);
      guard = t.app.get(SummitAccessGuard);
    });

    async function sendInLobby(client: SignedInClient, channelId: string): Promise<string> {
      const socket = io(`${t.url}/chat`, { auth: { token: client.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        const ack = (await socket.timeout(5000).emitWithAck('message.send', { channelId, clientMessageId: 'matrix-1', body: 'For the record' })) as { ok: boolean; message: { id: string } };
        if (!ack.ok) throw new Error(`sending in the lobby failed: ${JSON.stringify(ack)}`);
        return ack.message.id;
      } finally {
        socket.disconnect();
      }
    }

    it('has an id for every parameter of every summit-scoped route', () => {
      expect(params.entryId).toEqual(expect.any(String));
      expect(summitRoutes.length).toBeGreaterThan(30);
      expect(() => summitRoutes.map(pathOf)).not.toThrow();
    });

    it.each(['outsider', 'withdrawn', 'withdrawnMember', 'declined'])('answers the %s with 404 on every summit-scoped route', async (label) => {
      const { client } = people[label];
      const answers = await Promise.all(summitRoutes.map(async (route) => `${name(route)} → ${(await call(route, pathOf(route)).set(client.auth).send({})).status}`));
      expect(answers.filter((a) => !a.endsWith('→ 404'))).toEqual([]);
    });

    it.each(['headOfDelegation', 'delegate', 'observer', 'platformSecretariat'])('answers the %s with 403 on every route for the host side', async (label) => {
      const { client } = people[label];
      const hostRoutes = summitRoutes.filter((r) => r.summit!.level === 'host');
      expect(hostRoutes.length).toBeGreaterThan(15);
      const answers = await Promise.all(hostRoutes.map(async (route) => `${name(route)} → ${(await call(route, pathOf(route)).set(client.auth).send({})).status}`));
      expect(answers.filter((a) => !a.endsWith('→ 403'))).toEqual([]);
    });

    const allowed: [string, 'read' | 'host'][] = [
      ['hostAdmin', 'host'],
      ['chair', 'host'],
      ['coChair', 'host'],
      ['secretariat', 'host'],
      ['headOfDelegation', 'read'],
      ['delegate', 'read'],
      ['observer', 'read'],
      ['platformSecretariat', 'read'],
    ];

    it.each(allowed)('lets the %s read every summit-scoped page open to them', async (label, level) => {
      const { client } = people[label];
      const reads = summitRoutes.filter((r) => r.method === 'GET' && (level === 'host' || r.summit!.level === 'read'));
      expect(reads.length).toBeGreaterThan(10);
      const answers = await Promise.all(reads.map(async (route) => `${name(route)} → ${(await call(route, pathOf(route)).set(client.auth)).status}`));
      expect(answers.filter((a) => !/→ 2\d\d$/.test(a))).toEqual([]);
    });

    it.each(allowed)('lets the %s past summit access on every change open to them', async (label, level) => {
      const { principal } = people[label];
      // Changes are not made: the route's own guard is asked, with the request the route would receive.
      const changes = summitRoutes.filter((r) => r.method !== 'GET' && (level === 'host' || r.summit!.level === 'read'));
      expect(changes.length).toBeGreaterThan(3);
      const refused: string[] = [];
      for (const route of changes) {
        const values = pathOf(route).split('/');
        const routeParams = Object.fromEntries(route.path.split('/').flatMap((segment, i) => (segment.startsWith(':') ? [[segment.slice(1), values[i]]] : [])));
        const request = { user: principal, params: routeParams };
        try {
          await guard.canActivate(new ExecutionContextHost([request, {}], route.controller as never, route.handler));
        } catch (error) {
          refused.push(`${name(route)}: ${(error as Error).message}`);
        }
      }
      expect(refused).toEqual([]);
    });
  });
});
