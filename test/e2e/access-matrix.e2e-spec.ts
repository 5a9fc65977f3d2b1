import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { AUTHENTICATED_KEY, IS_PUBLIC_KEY, PERMISSIONS_KEY, Permission, PlatformRole, roleHasPermission } from '@plenary/identity';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  authenticated: boolean;
  permissions: Permission[] | undefined;
}

/** Routes that anonymous callers may reach. Adding a @Public() route means adding it here, on purpose. */
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'GET /api/invitations/preview',
  'POST /api/invitations/accept',
  'GET /health',
  'GET /metrics',
]);

const UNPREFIXED = new Set(['health', 'metrics']);

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
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '').replace(/^\/|\/$/g, '');
        const prefix = UNPREFIXED.has(base) ? '' : '/api';
        const path = [prefix, base, sub].filter(Boolean).join('/').replace(/\/+/g, '/');
        const targets = [handler as () => void, controller];
        routes.push({
          method: RequestMethod[method],
          path: path.startsWith('/') ? path : '/' + path,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false,
          authenticated: reflector.getAllAndOverride<boolean>(AUTHENTICATED_KEY, targets) ?? false,
          permissions: reflector.getAllAndOverride<Permission[]>(PERMISSIONS_KEY, targets),
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

  it('finds the routes of every controller', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/me', 'POST /api/invitations']));
  });

  it('declares an access rule on every route (default deny)', () => {
    const undeclared = routes.filter((r) => !r.isPublic && !r.authenticated && !r.permissions);
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('opens only the known public routes', () => {
    const open = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(open.filter((r) => !PUBLIC_ROUTES.has(r) && !r.includes(' /api/public/'))).toEqual([]);
  });

  it('answers an anonymous caller with 401 on every route that is not public', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await t.http[route.method.toLowerCase() as 'get'](concrete(route.path)).send({});
      if (res.status !== 401 || res.body.code !== 'UNAUTHENTICATED') failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers an expired or forged token with 401 as well', async () => {
    const forged = participant.accessToken.slice(0, -4) + 'AAAA';
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await t.http[route.method.toLowerCase() as 'get'](concrete(route.path)).set('Authorization', `Bearer ${forged}`).send({});
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 401 });
    }
  });

  it('answers a participant with 403 on every route whose permission their role lacks', async () => {
    const failures: string[] = [];
    const guarded = routes.filter((r) => r.permissions?.some((p) => !roleHasPermission(PlatformRole.Participant, p)));
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const res = await t.http[route.method.toLowerCase() as 'get'](concrete(route.path)).set(participant.auth).send({});
      if (res.status !== 403) failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
