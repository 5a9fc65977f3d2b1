// Accounts: signing in and out, the sessions of one's devices, one's profile, invitations.

import { keepAccessToken } from './access-token';
import { answer, api, authorised, publicApi, refreshAccessToken } from './client';
import type { AcceptInvitation, InvitationPreview, ProfileChanges, Session, User } from './types';

/** The shortest password the server accepts. */
export const minimumPasswordLength = 12;

function keep(result: { accessToken: string; user: User }): User {
  keepAccessToken(result.accessToken);
  return result.user;
}

/** Restores the session of a returning visitor from the refresh cookie; null when there is none. */
export async function restoreSession(): Promise<User | null> {
  const result = await refreshAccessToken();
  return result?.user ?? null;
}

let startup: Promise<User | null> | null = null;

/** The session restored when the page opened, asked for once: the app's start and the pages' first reads share it. */
export function startupSession(): Promise<User | null> {
  startup ??= restoreSession();
  return startup;
}

export async function login(email: string, password: string): Promise<User> {
  return keep(await answer(() => publicApi.POST('/api/auth/login', { body: { email, password } })));
}

export async function logout(): Promise<void> {
  await authorised(() => api.POST('/api/auth/logout'));
  keepAccessToken(null);
}

export function listSessions(): Promise<Session[]> {
  return authorised(() => api.GET('/api/auth/sessions'));
}

export async function revokeSession(id: string): Promise<void> {
  await authorised(() => api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } }));
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await authorised(() => api.POST('/api/auth/password', { body: { currentPassword, newPassword } }));
}

export function updateMe(changes: ProfileChanges): Promise<User> {
  return authorised(() => api.PATCH('/api/me', { body: changes }));
}

export function previewInvitation(token: string): Promise<InvitationPreview> {
  return answer(() => publicApi.GET('/api/invitations/preview', { params: { query: { token } } }));
}

export async function acceptInvitation(acceptance: AcceptInvitation): Promise<User> {
  return keep(await answer(() => publicApi.POST('/api/invitations/accept', { body: acceptance })));
}

/** Forgot password: the server mails a reset link if the address has an account, and answers the same either way. */
export async function requestPasswordReset(email: string): Promise<void> {
  await answer(() => publicApi.POST('/api/auth/password-reset', { body: { email } }));
}

/** Sets a new password with a mailed link's token; every session of the account ends. */
export async function confirmPasswordReset(token: string, newPassword: string): Promise<void> {
  await answer(() => publicApi.POST('/api/auth/password-reset/confirm', { body: { token, newPassword } }));
}

/** Ends every session of the caller but this one. */
export async function revokeOtherSessions(): Promise<void> {
  await authorised(() => api.POST('/api/auth/sessions/revoke-others'));
}
