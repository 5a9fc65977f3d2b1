import type { ChatChannel, ChatMessage } from '@plenary/chat-contract';
import { applyPins, channelsReducer, chatReducer, emptyChat, merge, noChannels, type ChatState, type PendingMessage } from './chat.store';

const SELF = 'user-self';
const CHANNEL = 'channel-1';

function message(sequence: number, changes: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `message-${sequence}`,
    channelId: CHANNEL,
    sequence,
    revision: sequence,
    clientMessageId: `client-${sequence}`,
    authorId: 'user-other',
    body: `message ${sequence}`,
    replyToId: null,
    mentions: { userIds: [], organisationIds: [] },
    pinned: false,
    editedAt: null,
    deletedAt: null,
    createdAt: '2026-05-14T09:00:00.000Z',
    ...changes,
  };
}

function pending(clientMessageId: string): PendingMessage {
  return { clientMessageId, channelId: CHANNEL, body: 'on its way', replyToId: null, mentions: { userIds: [], organisationIds: [] }, createdAt: '2026-05-14T09:00:00.000Z', failure: null };
}

function channel(changes: Partial<ChatChannel> = {}): ChatChannel {
  return {
    id: CHANNEL,
    summitId: 'summit-1',
    kind: 'lobby',
    title: 'Lobby',
    sessionId: null,
    organisationId: null,
    memberIds: [],
    lastSequence: 3,
    lastRevision: 3,
    lastReadSequence: 1,
    unread: 2,
    unreadMentions: 0,
    ...changes,
  };
}

const sequences = (state: ChatState) => state.logs[CHANNEL]?.messages.map((held) => held.sequence);

describe('merge', () => {
  it('orders messages by sequence without duplicates', () => {
    expect(merge([message(1), message(3)], [message(2), message(3)]).map((held) => held.sequence)).toEqual([1, 2, 3]);
  });

  it('keeps a later state of a message over a replayed earlier one', () => {
    const edited = message(1, { revision: 5, body: 'edited' });
    expect(merge([edited], [message(1)])[0].body).toBe('edited');
    expect(merge([message(1)], [edited])[0].body).toBe('edited');
  });

  it('gives back the same array when nothing changed, so the screen does not render again', () => {
    const held = [message(1)];
    expect(merge(held, [message(1)])).toBe(held);
  });
});

describe('applyPins', () => {
  it('lists a message pinned and takes it off when unpinned later', () => {
    const pinned = applyPins([], [message(2, { pinned: true, revision: 4 })]);
    expect(pinned.map((held) => held.id)).toEqual(['message-2']);
    expect(applyPins(pinned, [message(2, { pinned: false, revision: 6 })])).toEqual([]);
  });

  it('never brings back a pin from a state older than the one held', () => {
    const unpinned = applyPins([message(2, { pinned: true, revision: 4 })], [message(2, { pinned: false, revision: 6 })]);
    expect(unpinned).toEqual([]);
    const held = [message(2, { pinned: true, revision: 8 })];
    expect(applyPins(held, [message(2, { pinned: false, revision: 7 })])).toBe(held);
  });

  it('takes a deleted message off the pins', () => {
    const pinned = [message(2, { pinned: true, revision: 4 })];
    expect(applyPins(pinned, [message(2, { pinned: true, revision: 5, deletedAt: '2026-05-14T10:00:00.000Z' })])).toEqual([]);
  });
});

describe(chatReducer.name, () => {
  it('drops the own pending message a received message confirms', () => {
    const queued = chatReducer(emptyChat, { type: 'queued', pending: pending('client-7') });
    const state = chatReducer(queued, { type: 'received', channelId: CHANNEL, messages: [message(7, { authorId: SELF, clientMessageId: 'client-7' })], selfId: SELF });
    expect(state.pending).toEqual([]);
    expect(sequences(state)).toEqual([7]);
  });

  it('keeps a pending message someone else’s message happens to share an id with', () => {
    const queued = chatReducer(emptyChat, { type: 'queued', pending: pending('client-7') });
    const state = chatReducer(queued, { type: 'received', channelId: CHANNEL, messages: [message(7, { clientMessageId: 'client-7' })], selfId: SELF });
    expect(state.pending).toHaveLength(1);
  });

  it('does not add an old message heard live below a loaded log, which would leave a hole', () => {
    const loaded = chatReducer(emptyChat, { type: 'loaded', channelId: CHANNEL, messages: [message(10), message(11)], reset: false, selfId: SELF });
    const state = chatReducer(loaded, { type: 'received', channelId: CHANNEL, messages: [message(4, { pinned: false, revision: 12 })], selfId: SELF });
    expect(sequences(state)).toEqual([10, 11]);
    const adjacent = chatReducer(loaded, { type: 'received', channelId: CHANNEL, messages: [message(9, { revision: 12 })], selfId: SELF });
    expect(sequences(adjacent)).toEqual([9, 10, 11]);
  });

  it('drops what it held before a newest page read with reset, as too much was missed', () => {
    const held = chatReducer(emptyChat, { type: 'loaded', channelId: CHANNEL, messages: [message(1), message(2)], reset: false, selfId: SELF });
    const state = chatReducer(held, { type: 'loaded', channelId: CHANNEL, messages: [message(50), message(51)], reset: true, selfId: SELF });
    expect(sequences(state)).toEqual([50, 51]);
  });

  it('marks a refused message with why, and clears it when retried', () => {
    const queued = chatReducer(emptyChat, { type: 'queued', pending: pending('client-1') });
    const refused = chatReducer(queued, { type: 'refused', clientMessageId: 'client-1', failure: 'MUTED' });
    expect(refused.pending[0].failure).toBe('MUTED');
    expect(chatReducer(refused, { type: 'retried', clientMessageId: 'client-1' }).pending[0].failure).toBeNull();
  });

  it('applies to the pins list read what was heard while it was being read', () => {
    const asked = chatReducer(emptyChat, { type: 'pinsRequested', channelId: CHANNEL });
    const heard = chatReducer(asked, { type: 'received', channelId: CHANNEL, messages: [message(3, { pinned: false, revision: 9 })], selfId: SELF });
    const state = chatReducer(heard, { type: 'pinsLoaded', channelId: CHANNEL, messages: [message(3, { pinned: true, revision: 8 })] });
    expect(state.pins[CHANNEL]).toEqual({ messages: [], loaded: true, heard: null });
  });
});

describe(channelsReducer.name, () => {
  it('keeps the higher last sequence when a channel is joined again', () => {
    const followed = channelsReducer(noChannels, { type: 'followed', channels: [channel({ lastSequence: 9 })] });
    const state = channelsReducer(followed, { type: 'joined', channel: channel({ lastSequence: 4 }) });
    expect(state.list?.[0].lastSequence).toBe(9);
  });

  it('counts a mention heard twice once', () => {
    const followed = channelsReducer(noChannels, { type: 'followed', channels: [channel({ unreadMentions: 0 })] });
    const once = channelsReducer(followed, { type: 'mentioned', channelId: CHANNEL, messageId: 'message-5', sequence: 5 });
    const twice = channelsReducer(once, { type: 'mentioned', channelId: CHANNEL, messageId: 'message-5', sequence: 5 });
    expect(twice).toBe(once);
    expect(once).not.toBe(followed);
  });
});
