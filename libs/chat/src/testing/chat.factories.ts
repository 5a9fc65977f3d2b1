// Factories for chat unit specs: an in-memory SQLite database built by the
// real migrations, the services of chat and of the libs it asks (identity's
// directory, summits' access, sessions and participation) wired by Nest as
// the application wires them, and a summit to talk in.
import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { newId } from '@plenary/common';
import { loadConfig } from '@plenary/config';
import { dataSourceOptions, PlenaryDataSource } from '@plenary/database';
import { AccessChanges, AuditEvent, AuditService, DelegationRole, DirectoryService, Membership, Organisation, OrganisationKind, OrganisationsService, PlatformRole, Principal, User } from '@plenary/identity';
import { ConsoleMailTransport, MailerService, MailMessage, MailTransport } from '@plenary/mail';
import { Publisher, RealtimeNamespaces } from '@plenary/realtime';
import {
  LiveEventsService,
  ParticipationService,
  Participation,
  ParticipationStatus,
  ScheduleChange,
  SessionKind,
  SessionsService,
  RoomsService,
  SummitRoom,
  AgendaCache,
  SessionStatus,
  Summit,
  SummitAccessService,
  SummitMember,
  SummitRole,
  SummitScopes,
  SummitSession,
  SummitStatus,
  Visibility,
} from '@plenary/summits';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { Channel, ChannelKind } from '../channels/channel.entity';
import { ChannelsService } from '../channels/channels.service';
import { ChatEventsService } from '../chat-events.service';
import { ChatMute, Mention, Message, MessageRevision, ReadMarker } from '../messages/message.entity';
import { MessagesService } from '../messages/messages.service';

export const CHAT_ENTITIES = [
  User,
  Organisation,
  Membership,
  AuditEvent,
  MailMessage,
  Summit,
  SummitMember,
  Participation,
  SummitSession,
  SummitRoom,
  ScheduleChange,
  Channel,
  Message,
  MessageRevision,
  Mention,
  ReadMarker,
  ChatMute,
];

/** A fresh in-memory SQLite database with the schema made by the real migrations (synchronize stays off). */
export async function createTestDataSource(): Promise<DataSource> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: randomBytes(32).toString('hex'), DATABASE_URL: 'sqlite::memory:', PUBLIC_URL: 'https://plenary.test' }, tmpdir());
  return new PlenaryDataSource({ ...dataSourceOptions(config, CHAT_ENTITIES), migrationsRun: true }).initialize();
}

export interface ChatServices {
  channels: ChannelsService;
  messages: MessagesService;
  access: SummitAccessService;
}

/** Chat's services over the database, with those they ask of identity and summits; the summit scopes they register are in place. */
export async function createChatServices(dataSource: DataSource): Promise<ChatServices> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      ChannelsService,
      MessagesService,
      ChatEventsService,
      SummitScopes,
      SummitAccessService,
      SessionsService,
      RoomsService,
      AgendaCache,
      ParticipationService,
      LiveEventsService,
      DirectoryService,
      OrganisationsService,
      AuditService,
      AccessChanges,
      MailerService,
      { provide: MailTransport, useValue: new ConsoleMailTransport(true) },
      { provide: RealtimeNamespaces, useValue: offlineNamespaces() },
      { provide: DataSource, useValue: dataSource },
      ...CHAT_ENTITIES.map((entity) => ({ provide: getRepositoryToken(entity), useValue: dataSource.getRepository(entity) })),
    ],
  }).compile();
  await moduleRef.init();
  return { channels: moduleRef.get(ChannelsService), messages: moduleRef.get(MessagesService), access: moduleRef.get(SummitAccessService) };
}

/** Namespaces with none served: the specs exercise storage and rules, the e2e suites the live side. */
function offlineNamespaces(): Pick<RealtimeNamespaces, 'publisher'> {
  return { publisher: () => new Publisher(() => undefined) };
}

export async function saveUser(dataSource: DataSource, fields: Partial<User> = {}): Promise<User> {
  const repo = dataSource.getRepository(User);
  const id = fields.id ?? newId();
  return repo.save(
    repo.create({
      id,
      email: `user-${id.slice(0, 8)}@plenary.test`,
      displayName: 'Test User',
      passwordHash: 'not-a-usable-hash',
      platformRole: PlatformRole.Participant,
      disabledAt: null,
      passwordChangedAt: new Date(),
      ...fields,
    }),
  );
}

export function principalOf(user: Pick<User, 'id' | 'email' | 'platformRole'>): Principal {
  return { userId: user.id, sessionId: newId(), email: user.email, platformRole: user.platformRole };
}

export async function saveOrganisation(dataSource: DataSource, shortName: string): Promise<Organisation> {
  const repo = dataSource.getRepository(Organisation);
  return repo.save(repo.create({ id: newId(), kind: OrganisationKind.State, name: `Republic of ${shortName}`, shortName, countryCode: null }));
}

/** A user who belongs to the organisation's delegation. */
export async function saveDelegate(dataSource: DataSource, organisation: Organisation, fields: Partial<User> = {}): Promise<User> {
  const user = await saveUser(dataSource, { displayName: `Delegate of ${organisation.shortName}`, ...fields });
  await dataSource.getRepository(Membership).insert({ id: newId(), userId: user.id, organisationId: organisation.id, delegationRole: DelegationRole.Delegate, createdAt: new Date() });
  return user;
}

export async function saveSummit(dataSource: DataSource, hostOrganisation: Organisation, fields: Partial<Summit> = {}): Promise<Summit> {
  const repo = dataSource.getRepository(Summit);
  return repo.save(
    repo.create({
      id: newId(),
      title: 'Test Summit',
      description: '',
      hostOrganisationId: hostOrganisation.id,
      timeZone: 'UTC',
      startsAt: new Date('2030-06-01T08:00:00Z'),
      endsAt: new Date('2030-06-03T18:00:00Z'),
      status: SummitStatus.Live,
      agendaVisibility: Visibility.Participants,
      outcomeVisibility: Visibility.Participants,
      ...fields,
    }),
  );
}

export async function saveParticipation(dataSource: DataSource, summit: Summit, organisation: Organisation, status = ParticipationStatus.Confirmed): Promise<Participation> {
  const repo = dataSource.getRepository(Participation);
  return repo.save(repo.create({ id: newId(), summitId: summit.id, organisationId: organisation.id, status, timeZone: 'UTC', joinedAt: new Date() }));
}

/** A per-summit role, such as the chair's. */
export async function saveSummitRole(dataSource: DataSource, summit: Summit, user: User, role: SummitRole): Promise<void> {
  await dataSource.getRepository(SummitMember).insert({ id: newId(), summitId: summit.id, userId: user.id, organisationId: null, role, isProxy: false, createdAt: new Date() });
}

export async function saveSession(dataSource: DataSource, summit: Summit, fields: Partial<SummitSession> = {}): Promise<SummitSession> {
  const repo = dataSource.getRepository(SummitSession);
  return repo.save(
    repo.create({
      id: newId(),
      summitId: summit.id,
      kind: SessionKind.Plenary,
      title: 'Opening plenary',
      description: '',
      startsAt: new Date('2030-06-01T09:00:00Z'),
      endsAt: new Date('2030-06-01T10:00:00Z'),
      room: null,
      status: SessionStatus.Scheduled,
      chairIds: [],
      organisationIds: [],
      documents: [],
      videoRoomId: newId(),
      ...fields,
    }),
  );
}

type ChannelScope =
  | { kind: ChannelKind.Lobby }
  | { kind: ChannelKind.Session; session: SummitSession }
  | { kind: ChannelKind.Delegation; organisation: Organisation }
  | { kind: ChannelKind.Direct; members: [User, User] };

export async function saveChannel(dataSource: DataSource, summit: Summit, scope: ChannelScope): Promise<Channel> {
  const fields = ((): Pick<Channel, 'scopeKey' | 'title'> & Partial<Channel> => {
    switch (scope.kind) {
      case ChannelKind.Lobby:
        return { scopeKey: 'lobby', title: 'Lobby' };
      case ChannelKind.Session:
        return { scopeKey: `session:${scope.session.id}`, title: scope.session.title, sessionId: scope.session.id };
      case ChannelKind.Delegation:
        return { scopeKey: `delegation:${scope.organisation.id}`, title: `${scope.organisation.shortName} delegation`, organisationId: scope.organisation.id };
      case ChannelKind.Direct: {
        const memberIds = scope.members.map((m) => m.id).sort();
        return { scopeKey: `direct:${memberIds.join(':')}`, title: 'Direct conversation', memberIds };
      }
    }
  })();
  const repo = dataSource.getRepository(Channel);
  return repo.save(
    repo.create({ id: newId(), summitId: summit.id, kind: scope.kind, sessionId: null, organisationId: null, memberIds: [], lastSequence: 0, lastRevision: 0, createdAt: new Date(), ...fields }),
  );
}

/**
 * A message stored directly, with the channel's next sequence and revision,
 * and a mention row for each of `mentionedIds` (taken as readers of the channel).
 */
export async function saveMessage(dataSource: DataSource, channel: Channel, author: User, fields: Partial<Message> & { mentionedIds?: string[] } = {}): Promise<Message> {
  const { mentionedIds = [], ...rest } = fields;
  const channels = dataSource.getRepository(Channel);
  const current = await channels.findOneByOrFail({ id: channel.id });
  const sequence = current.lastSequence + 1;
  const revision = current.lastRevision + 1;
  await channels.update({ id: channel.id }, { lastSequence: sequence, lastRevision: revision });
  const messages = dataSource.getRepository(Message);
  const message = await messages.save(
    messages.create({
      id: newId(),
      channelId: channel.id,
      sequence,
      revision,
      clientMessageId: newId(),
      authorId: author.id,
      body: `Message ${sequence}`,
      replyToId: null,
      mentions: { userIds: mentionedIds, organisationIds: [] },
      pinned: false,
      editedAt: null,
      deletedAt: null,
      deletedById: null,
      createdAt: new Date(),
      ...rest,
    }),
  );
  for (const userId of mentionedIds) {
    await dataSource.getRepository(Mention).insert({ id: newId(), messageId: message.id, channelId: channel.id, userId, sequence, createdAt: message.createdAt });
  }
  return message;
}

export async function saveReadMarker(dataSource: DataSource, channel: Channel, user: User, lastReadSequence: number): Promise<void> {
  await dataSource.getRepository(ReadMarker).insert({ id: newId(), channelId: channel.id, userId: user.id, lastReadSequence, updatedAt: new Date() });
}

/**
 * A live summit hosted by Hostland and chaired by `chair` (a per-summit role,
 * no delegation), with two delegations taking part — Aland (alice, ana) and
 * Borduria (boris) — their channels and the lobby; and `outsider`, whose
 * organisation does not take part.
 */
export interface ChatWorld {
  summit: Summit;
  aland: Organisation;
  borduria: Organisation;
  chair: User;
  alice: User;
  ana: User;
  boris: User;
  outsider: User;
  lobby: Channel;
  alandChannel: Channel;
  borduriaChannel: Channel;
}

export async function seedChatWorld(dataSource: DataSource): Promise<ChatWorld> {
  const hostland = await saveOrganisation(dataSource, 'Hostland');
  const aland = await saveOrganisation(dataSource, 'Aland');
  const borduria = await saveOrganisation(dataSource, 'Borduria');
  const elsewhere = await saveOrganisation(dataSource, 'Elsewhere');
  const summit = await saveSummit(dataSource, hostland);
  await saveParticipation(dataSource, summit, aland);
  await saveParticipation(dataSource, summit, borduria);
  const chair = await saveUser(dataSource, { displayName: 'Chair' });
  await saveSummitRole(dataSource, summit, chair, SummitRole.Chair);
  return {
    summit,
    aland,
    borduria,
    chair,
    alice: await saveDelegate(dataSource, aland, { displayName: 'Alice' }),
    ana: await saveDelegate(dataSource, aland, { displayName: 'Ana' }),
    boris: await saveDelegate(dataSource, borduria, { displayName: 'Boris' }),
    outsider: await saveDelegate(dataSource, elsewhere, { displayName: 'Outsider' }),
    lobby: await saveChannel(dataSource, summit, { kind: ChannelKind.Lobby }),
    alandChannel: await saveChannel(dataSource, summit, { kind: ChannelKind.Delegation, organisation: aland }),
    borduriaChannel: await saveChannel(dataSource, summit, { kind: ChannelKind.Delegation, organisation: borduria }),
  };
}
