import { Identity1763900000000 } from './1763900000000-identity';
import { Summits1763910000000 } from './1763910000000-summits';
import { Chat1763920000000 } from './1763920000000-chat';
import { ChatChanges1764700000000 } from './1764700000000-chat-changes';
import { InvitationsAndResets1765300000000 } from './1765300000000-invitations-and-resets';
import { AgendaRevision1765400000000 } from './1765400000000-agenda-revision';
import { SpeakersQueue1765600000000 } from './1765600000000-speakers-queue';
import { RoomsAndFrenchNames1765620000000 } from './1765620000000-rooms-and-french-names';

/** Every migration, in order. Listed explicitly so that builds and tests load the same set. */
export const MIGRATIONS = [Identity1763900000000, Summits1763910000000, Chat1763920000000, ChatChanges1764700000000, InvitationsAndResets1765300000000, AgendaRevision1765400000000, SpeakersQueue1765600000000, RoomsAndFrenchNames1765620000000];
