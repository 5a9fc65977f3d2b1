import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, useNavigate, useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { currentAccessToken, startupSession } from './api';
import { useAuth } from './auth.context';
import { LoginPage } from './pages/login.page';
import { rememberedAgendaZone } from './pages/agenda/remembered-zone';
import { NotFoundPage } from './pages/not-found.page';
import { agendaQuery, devicesQuery, sessionQuery, summitQuery, summitsQuery } from './queries';
import { Shell } from './shell';

/**
 * The pages of the web client and their addresses. Only the frame and the
 * sign-in page are in the first download; every other page is a chunk of its
 * own, fetched when its address is opened or a link to it is pointed at, so
 * that a page loads only what it uses.
 */

/** A search parameter kept as the text of the address, whatever it looks like. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Shell, notFoundComponent: NotFoundPage });

/**
 * Opening a page starts reading what it first shows while its code is still
 * on the way; the page's own queries take the answers up. It never holds the
 * page back, and a failure is the page's to show. Pointing at a link fetches
 * the page's code only (`preload`), not its data.
 */
function prefetch(preload: boolean, read: () => Promise<unknown>): void {
  if (preload) return;
  void startupSession().then(() => (currentAccessToken() ? read() : undefined));
}

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home });

function Home() {
  const { user } = useAuth();
  return <SendTo to={user ? '/summits' : '/login'} />;
}

/**
 * Moves to the sign-in page (with the page to come back to) or the summit
 * list once, when shown. TanStack's <Navigate> navigates again whenever it
 * renders, and a page stays on screen while the move is under way: one
 * following the address would send `/login?next=/login?next=…` for ever.
 */
function SendTo({ to, next }: { to: '/login' | '/summits'; next?: string }) {
  const navigate = useNavigate();
  const [target] = useState(() => (to === '/login' ? { to, search: next ? { next } : {}, replace: true } : { to, replace: true }));
  useEffect(() => {
    void navigate(target);
  }, [navigate, target]);
  return null;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { next?: string } => ({ next: text(search.next) }),
  component: SignIn,
});

/** Signed in, the person goes on to the page they asked for before, or to the summit list. */
function SignIn() {
  const { user } = useAuth();
  const { next } = loginRoute.useSearch();
  const { history } = useRouter();
  // `next` is any address of the site, with its own search: handed to the history as it is.
  useEffect(() => {
    if (user) history.replace(destination(next));
  }, [user, next, history]);
  return user ? null : <LoginPage />;
}

/** `next` when it is a page of this site, else the summit list. */
function destination(next: string | undefined): string {
  if (!next?.startsWith('/')) return '/summits';
  const url = new URL(next, window.location.origin);
  return url.origin === window.location.origin ? `${url.pathname}${url.search}` : '/summits';
}

/** A page opened from a mailed link: its token in the address. */
const tokenSearch = (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) });

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitation',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import('./pages/accept-invitation.page'), 'InvitationScreen'),
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import('./pages/accept-invitation.page'), 'SetupScreen'),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  validateSearch: (search: Record<string, unknown>): { email?: string } => ({ email: text(search.email) }),
  component: lazyRouteComponent(() => import('./pages/password-reset.page'), 'ForgotPasswordPage'),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import('./pages/password-reset.page'), 'ResetPasswordScreen'),
});

/** Pages for signed-in people; anyone else is asked to sign in, then brought back. */
const signedInRoute = createRoute({ getParentRoute: () => rootRoute, id: 'signed-in', component: SignedIn });

function SignedIn() {
  const { user } = useAuth();
  const href = useRouterState({ select: (state) => state.location.href });
  return user ? <Outlet /> : <SendTo to="/login" next={href} />;
}

const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account',
  loader: ({ context: { queryClient }, preload }) => prefetch(preload, () => queryClient.prefetchQuery(devicesQuery())),
  component: lazyRouteComponent(() => import('./pages/account.page'), 'AccountScreen'),
});

const summitsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/summits',
  loader: ({ context: { queryClient }, preload }) => prefetch(preload, () => queryClient.prefetchQuery(summitsQuery())),
  component: lazyRouteComponent(() => import('./pages/summits.page'), 'SummitsScreen'),
});

const summitRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/summits/$summitId',
  loader: ({ context: { queryClient }, params, preload }) => prefetch(preload, () => queryClient.prefetchQuery(summitQuery(params.summitId))),
  component: lazyRouteComponent(() => import('./pages/summit.page'), 'SummitScreen'),
});

const agendaRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/summits/$summitId/agenda',
  loader: ({ context: { queryClient }, params, preload }) => prefetch(preload, () => Promise.all([queryClient.prefetchQuery(summitQuery(params.summitId)), queryClient.prefetchQuery(agendaQuery(params.summitId, rememberedAgendaZone()))])),
  component: lazyRouteComponent(() => import('./pages/agenda.page'), 'AgendaScreen'),
});

const fairnessRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/summits/$summitId/fairness',
  loader: ({ context: { queryClient }, params, preload }) => prefetch(preload, () => queryClient.prefetchQuery(summitQuery(params.summitId))),
  component: lazyRouteComponent(() => import('./pages/fairness.page'), 'FairnessScreen'),
});

const chatRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/summits/$summitId/chat',
  loader: ({ context: { queryClient }, params, preload }) => prefetch(preload, () => queryClient.prefetchQuery(summitQuery(params.summitId))),
  component: lazyRouteComponent(() => import('./pages/chat.page'), 'ChatScreen'),
});

const sessionRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions/$sessionId',
  loader: ({ context: { queryClient }, params, preload }) => prefetch(preload, () => queryClient.prefetchQuery(sessionQuery(params.sessionId))),
  component: lazyRouteComponent(() => import('./pages/session.page'), 'SessionScreen'),
});

const floorRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions/$sessionId/floor',
  loader: ({ context: { queryClient }, params, preload }) => prefetch(preload, () => queryClient.prefetchQuery(sessionQuery(params.sessionId))),
  component: lazyRouteComponent(() => import('./pages/floor.page'), 'FloorScreen'),
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  loginRoute,
  invitationRoute,
  setupRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  signedInRoute.addChildren([accountRoute, summitsRoute, summitRoute, agendaRoute, fairnessRoute, chatRoute, sessionRoute, floorRoute]),
]);

/**
 * Search parameters stay plain `?name=value` text (the addresses mailed by
 * the server and typed by people), never JSON: a token of digits stays text.
 */
function parseSearch(search: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(search));
}

function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) if (value !== undefined && value !== null) params.set(name, String(value));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The router of the app, reading through `queryClient`. */
export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    // A page's code, and what it first shows, are fetched as soon as a link to it is pointed at or focused.
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
