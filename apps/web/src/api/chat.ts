// Chat: the channels of a summit and their messages. Messages travel over the
// `/chat` socket (see chat/chat.socket.ts); these are the REST routes around it.

import { api, authorised } from './client';
import type { ChatChannel, ChatMessage, ChatMuteView } from './types';

/** The longest message the server stores. */
export const messageMaxLength = 4000;

/** The lobby, the sessions the caller may see, their own delegation's channel and their direct conversations, with unread counts. */
export function listChannels(summitId: string): Promise<ChatChannel[]> {
  return authorised(() => api.GET('/api/summits/{id}/channels', { params: { path: { id: summitId } } }));
}

/** The direct conversation with another person of the summit, created on first use. */
export function openDirectChannel(summitId: string, userId: string): Promise<ChatChannel> {
  return authorised(() => api.POST('/api/summits/{id}/channels/direct', { params: { path: { id: summitId } }, body: { userId } }));
}

/** The pinned messages of a channel, in sequence order. */
export function listPins(channelId: string): Promise<ChatMessage[]> {
  return authorised(() => api.GET('/api/channels/{id}/pins', { params: { path: { id: channelId } } }));
}

/** Stops a person from posting in the summit's chat for some minutes; for the host side. */
export async function muteInChat(summitId: string, userId: string, minutes: number): Promise<void> {
  await authorised(() => api.PUT('/api/summits/{id}/chat-mutes', { params: { path: { id: summitId } }, body: { userId, minutes } }));
}

/** The mutes in force in a summit's chat; for the host side. */
export function listChatMutes(summitId: string): Promise<ChatMuteView[]> {
  return authorised(() => api.GET('/api/summits/{id}/chat-mutes', { params: { path: { id: summitId } } }));
}

/** Lets a muted person post in the summit's chat again; for the host side. */
export async function unmuteInChat(summitId: string, userId: string): Promise<void> {
  await authorised(() => api.DELETE('/api/summits/{id}/chat-mutes/{userId}', { params: { path: { id: summitId, userId } } }));
}
