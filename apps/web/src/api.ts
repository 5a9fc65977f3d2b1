// The access token lives only in this module's memory; the refresh token is an
// httpOnly cookie the server sets, so a reload restores the session through
// POST /api/auth/refresh without any token reaching storage scripts can read.

export type Locale = 'en' | 'fr';

/** The shortest password the server accepts. */
export const minimumPasswordLength = 12;
export type PlatformRole = 'host_admin' | 'secretariat' | 'participant';

export interface Membership {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  delegationRole: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole;
  locale: Locale;
  timeZone: string;
  memberships: Membership[];
}

export interface AuthResult {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Session {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

export interface InvitationPreview {
  kind: 'invitation' | 'setup';
  email: string | null;
  organisationName: string | null;
  delegationRole: string | null;
  platformRole: PlatformRole;
  expiresAt: string;
  /** The invited address already has an account: accepting asks for that account's password instead of a new one. */
  accountExists?: boolean;
}

export interface ProfileChanges {
  displayName?: string;
  locale?: Locale;
  timeZone?: string;
}

export interface AcceptInvitation {
  token: string;
  displayName: string;
  password: string;
  email?: string;
}

/** An error answered by the server (`{ statusCode, code, message, details? }`), or `NETWORK` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Structured detail a client can act on, such as the conflicts of a schedule. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let accessToken: string | null = null;
let refreshInFlight: Promise<AuthResult | null> | null = null;
const sessionLostListeners = new Set<() => void>();

/** Called when the session cannot be renewed any more, so the app can return to the sign-in page. */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

interface RequestOptions {
  body?: unknown;
  authenticated?: boolean;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.authenticated && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  let code = 'UNKNOWN';
  let message = response.statusText;
  let details: unknown;
  if (text) {
    try {
      const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof body.code === 'string') code = body.code;
      if (typeof body.message === 'string') message = body.message;
      else if (Array.isArray(body.message)) message = body.message.join(' ');
      details = body.details;
    } catch (parseError) {
      // A proxy in front of the server may answer with a page of its own; the status still tells what happened.
      if (!(parseError instanceof SyntaxError)) throw parseError;
    }
  }
  return new ApiError(response.status, code, message, details);
}

async function read<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status !== 401 || !options.authenticated) return read<T>(response);

  const error = await toApiError(response);
  // A wrong current password is also a 401; only an expired or missing access token warrants a refresh.
  if (error.code === 'INVALID_CREDENTIALS') throw error;

  const renewed = await refresh();
  if (!renewed) {
    sessionLostListeners.forEach((listener) => listener());
    throw error;
  }
  return read<T>(await send(method, path, options));
}

function refresh(): Promise<AuthResult | null> {
  // Concurrent callers share one refresh: the server rotates the refresh
  // token, so a second request with the old cookie would be refused.
  refreshInFlight ??= (async () => {
    try {
      const result = await read<AuthResult>(await send('POST', '/api/auth/refresh', {}));
      accessToken = result.accessToken;
      return result;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      accessToken = null;
      return null;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

function keep(result: AuthResult): User {
  accessToken = result.accessToken;
  return result.user;
}

/** Restores the session of a returning visitor from the refresh cookie; null when there is none. */
export async function restoreSession(): Promise<User | null> {
  const result = await refresh();
  return result?.user ?? null;
}

export async function login(email: string, password: string): Promise<User> {
  return keep(await request<AuthResult>('POST', '/api/auth/login', { body: { email, password } }));
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/auth/logout', { authenticated: true });
  accessToken = null;
}

export function listSessions(): Promise<Session[]> {
  return request<Session[]>('GET', '/api/auth/sessions', { authenticated: true });
}

export function revokeSession(id: string): Promise<void> {
  return request<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`, { authenticated: true });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('POST', '/api/auth/password', {
    authenticated: true,
    body: { currentPassword, newPassword },
  });
}

export function updateMe(changes: ProfileChanges): Promise<User> {
  return request<User>('PATCH', '/api/me', { authenticated: true, body: changes });
}

export function previewInvitation(token: string): Promise<InvitationPreview> {
  return request<InvitationPreview>('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`);
}

export async function acceptInvitation(acceptance: AcceptInvitation): Promise<User> {
  return keep(await request<AuthResult>('POST', '/api/invitations/accept', { body: acceptance }));
}
