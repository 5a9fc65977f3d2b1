import { DomainError, ErrorCode, newId } from '@plenary/common';
import { DelegationRole, Membership, Principal, User } from '@plenary/identity';
import { Participation, ParticipationStatus, SessionKind, Summit, SummitStatus } from '@plenary/summits';
import { DataSource } from 'typeorm';
import { Message } from '../messages/message.entity';
import {
  ChatWorld,
  createChatServices,
  createTestDataSource,
  principalOf,
  saveChannel,
  saveDelegate,
  saveMessage,
  saveOrganisation,
  saveParticipation,
  saveReadMarker,
  saveSession,
  seedChatWorld,
} from '../testing/chat.factories';
import { Channel, ChannelKind } from './channel.entity';
import { ChannelsService } from './channels.service';
import { SummitAccessService, SummitErrorCode } from '@plenary/summits';

function domainError(code: ErrorCode) {
  return expect.objectContaining({ name: DomainError.name, code });
}

/** The ids in a set or list, sorted, for comparisons that ignore order. */
function sorted(ids: Iterable<string> | undefined): string[] {
  return [...(ids ?? [])].sort();
}

describe(ChannelsService.name, () => {
  let dataSource: DataSource;
  let sut: ChannelsService;
  let access: SummitAccessService;
  let w: ChatWorld;

  const as = (user: User): Principal => principalOf(user);

  beforeEach(async () => {
    dataSource = await createTestDataSource();
    ({ channels: sut, access } = await createChatServices(dataSource));
    w = await seedChatWorld(dataSource);
  });

  afterEach(() => dataSource.destroy());

  describe('open', () => {
    it('keeps a delegation’s channel from everyone else, the host side included', async () => {
      await expect(sut.open(as(w.ana), w.alandChannel.id)).resolves.toMatchObject({ channel: { id: w.alandChannel.id }, canModerate: false });
      await expect(sut.open(as(w.boris), w.alandChannel.id)).rejects.toEqual(domainError(ErrorCode.NotFound));
      await expect(sut.open(as(w.chair), w.alandChannel.id)).rejects.toEqual(domainError(ErrorCode.NotFound));
    });

    it('keeps a delegation’s channel from the host side even once a member of the delegation', async () => {
      await dataSource.getRepository(Membership).insert({ id: newId(), userId: w.chair.id, organisationId: w.aland.id, delegationRole: DelegationRole.Advisor, createdAt: new Date() });

      await expect(sut.open(as(w.chair), w.alandChannel.id)).rejects.toEqual(domainError(ErrorCode.NotFound));
      await expect(sut.usableBy([as(w.chair)], [w.alandChannel.id])).resolves.toEqual(new Map([[w.chair.id, new Set()]]));
    });

    it('lets the host side moderate the lobby, and no delegate', async () => {
      await expect(sut.open(as(w.chair), w.lobby.id)).resolves.toMatchObject({ canModerate: true });
      await expect(sut.open(as(w.alice), w.lobby.id)).resolves.toMatchObject({ canModerate: false });
    });

    it('keeps the lobby from someone who does not take part', async () => {
      await expect(sut.open(as(w.outsider), w.lobby.id)).rejects.toEqual(domainError(ErrorCode.NotFound));
    });
  });

  describe('usableBy', () => {
    let carla: User;
    let carpathiaChannel: Channel;
    let plenaryChannel: Channel;
    let bilateralChannel: Channel;
    let direct: Channel;

    beforeEach(async () => {
      const carpathia = await saveOrganisation(dataSource, 'Carpathia');
      await saveParticipation(dataSource, w.summit, carpathia);
      carla = await saveDelegate(dataSource, carpathia, { displayName: 'Carla' });
      carpathiaChannel = await saveChannel(dataSource, w.summit, { kind: ChannelKind.Delegation, organisation: carpathia });
      plenaryChannel = await saveChannel(dataSource, w.summit, { kind: ChannelKind.Session, session: await saveSession(dataSource, w.summit) });
      const bilateral = await saveSession(dataSource, w.summit, { kind: SessionKind.Bilateral, title: 'Aland–Borduria bilateral', organisationIds: [w.aland.id, w.borduria.id] });
      bilateralChannel = await saveChannel(dataSource, w.summit, { kind: ChannelKind.Session, session: bilateral });
      direct = await saveChannel(dataSource, w.summit, { kind: ChannelKind.Direct, members: [w.alice, w.boris] });
    });

    function allChannelIds(): string[] {
      return [w.lobby, w.alandChannel, w.borduriaChannel, carpathiaChannel, plenaryChannel, bilateralChannel, direct].map((c) => c.id);
    }

    it('gives each person exactly the channels they may use', async () => {
      const people = [w.chair, w.alice, w.ana, w.boris, carla, w.outsider];

      const usable = await sut.usableBy(people.map(as), allChannelIds());

      const ids = (...channels: Channel[]) => sorted(channels.map((c) => c.id));
      expect(sorted(usable.get(w.chair.id))).toEqual(ids(w.lobby, plenaryChannel, bilateralChannel));
      expect(sorted(usable.get(w.alice.id))).toEqual(ids(w.lobby, w.alandChannel, plenaryChannel, bilateralChannel, direct));
      expect(sorted(usable.get(w.ana.id))).toEqual(ids(w.lobby, w.alandChannel, plenaryChannel, bilateralChannel));
      expect(sorted(usable.get(w.boris.id))).toEqual(ids(w.lobby, w.borduriaChannel, plenaryChannel, bilateralChannel, direct));
      expect(sorted(usable.get(carla.id))).toEqual(ids(w.lobby, carpathiaChannel, plenaryChannel));
      expect(sorted(usable.get(w.outsider.id))).toEqual([]);
    });

    it('takes a delegation’s channels away once its participation is withdrawn', async () => {
      await dataSource.getRepository(Participation).update({ summitId: w.summit.id, organisationId: w.aland.id }, { status: ParticipationStatus.Withdrawn });

      const usable = await sut.usableBy([as(w.alice)], allChannelIds());

      expect(sorted(usable.get(w.alice.id))).toEqual([]);
    });

    it('leaves a draft summit’s channels to its host side', async () => {
      await dataSource.getRepository(Summit).update({ id: w.summit.id }, { status: SummitStatus.Draft });

      const usable = await sut.usableBy([as(w.chair), as(w.alice)], allChannelIds());

      expect(sorted(usable.get(w.chair.id))).toEqual(sorted([w.lobby.id, plenaryChannel.id, bilateralChannel.id]));
      expect(sorted(usable.get(w.alice.id))).toEqual([]);
    });

    it('answers an empty set per person for no channels', async () => {
      await expect(sut.usableBy([as(w.alice)], [])).resolves.toEqual(new Map([[w.alice.id, new Set()]]));
    });
  });

  describe('mentionedReaders', () => {
    it('resolves a delegation mention to its members, without the author', async () => {
      const readers = await sut.mentionedReaders(w.lobby, w.alice.id, { userIds: [], organisationIds: [w.aland.id] });

      expect(readers).toEqual([w.ana.id]);
    });

    it('drops people who cannot read the channel, such as another delegation in a delegation’s channel', async () => {
      const readers = await sut.mentionedReaders(w.alandChannel, w.alice.id, { userIds: [w.chair.id, w.outsider.id, w.ana.id], organisationIds: [w.borduria.id] });

      expect(readers).toEqual([w.ana.id]);
    });

    it('resolves everyone who may read the lobby, the host side included, once each', async () => {
      const readers = await sut.mentionedReaders(w.lobby, w.boris.id, { userIds: [w.chair.id, w.alice.id, w.outsider.id], organisationIds: [w.aland.id, w.borduria.id] });

      expect(sorted(readers)).toEqual(sorted([w.chair.id, w.alice.id, w.ana.id]));
    });

    it('resolves a delegation mention to those who sit in it, not to the host side’s members of it', async () => {
      await dataSource.getRepository(Membership).insert({ id: newId(), userId: w.chair.id, organisationId: w.aland.id, delegationRole: DelegationRole.Advisor, createdAt: new Date() });

      expect(sorted(await sut.mentionedReaders(w.lobby, w.boris.id, { userIds: [], organisationIds: [w.aland.id] }))).toEqual(sorted([w.alice.id, w.ana.id]));
      await expect(sut.mentionedReaders(w.lobby, w.boris.id, { userIds: [w.chair.id], organisationIds: [] })).resolves.toEqual([w.chair.id]);
    });

    it('drops disabled accounts', async () => {
      await dataSource.getRepository(User).update({ id: w.ana.id }, { disabledAt: new Date() });

      await expect(sut.mentionedReaders(w.lobby, w.alice.id, { userIds: [w.ana.id], organisationIds: [] })).resolves.toEqual([]);
    });

    it('keeps a direct conversation’s mentions to its other member', async () => {
      const direct = await saveChannel(dataSource, w.summit, { kind: ChannelKind.Direct, members: [w.alice, w.boris] });

      const readers = await sut.mentionedReaders(direct, w.alice.id, { userIds: [w.boris.id, w.ana.id, w.chair.id], organisationIds: [] });

      expect(readers).toEqual([w.boris.id]);
    });
  });

  describe('unreadMentions', () => {
    it('counts the mentions of a user after their read marker, per channel', async () => {
      await saveMessage(dataSource, w.lobby, w.alice, { mentionedIds: [w.ana.id] });
      await saveMessage(dataSource, w.lobby, w.boris);
      await saveMessage(dataSource, w.lobby, w.boris, { mentionedIds: [w.ana.id] });
      await saveMessage(dataSource, w.lobby, w.alice, { mentionedIds: [w.boris.id] });
      await saveReadMarker(dataSource, w.lobby, w.ana, 1);
      await saveMessage(dataSource, w.alandChannel, w.alice, { mentionedIds: [w.ana.id] });

      await expect(sut.unreadMentions(w.ana.id, [w.lobby.id, w.alandChannel.id])).resolves.toEqual(
        new Map([
          [w.lobby.id, 1],
          [w.alandChannel.id, 1],
        ]),
      );
    });

    it('does not count mentions in deleted messages', async () => {
      const deleted = await saveMessage(dataSource, w.lobby, w.alice, { mentionedIds: [w.ana.id] });
      await saveMessage(dataSource, w.lobby, w.alice, { mentionedIds: [w.ana.id] });
      await dataSource.getRepository(Message).update({ id: deleted.id }, { deletedAt: new Date(), deletedById: w.alice.id });

      await expect(sut.unreadMentions(w.ana.id, [w.lobby.id])).resolves.toEqual(new Map([[w.lobby.id, 1]]));
    });

    it('leaves out channels with nothing unread', async () => {
      await saveMessage(dataSource, w.lobby, w.alice, { mentionedIds: [w.ana.id] });
      await saveReadMarker(dataSource, w.lobby, w.ana, 1);

      await expect(sut.unreadMentions(w.ana.id, [w.lobby.id])).resolves.toEqual(new Map());
      await expect(sut.unreadMentions(w.ana.id, [])).resolves.toEqual(new Map());
    });
  });

  describe('list', () => {
    it('creates the standing channels on first use, once, and gives a delegate the lobby, the sessions and their own delegation’s', async () => {
      const session = await saveSession(dataSource, w.summit, { title: 'Closing plenary' });
      await saveChannel(dataSource, w.summit, { kind: ChannelKind.Direct, members: [w.ana, w.boris] });

      const listed = await sut.list(as(w.alice), w.summit.id);
      await sut.list(as(w.boris), w.summit.id);

      expect(listed.map((l) => [l.channel.kind, l.channel.title])).toEqual([
        [ChannelKind.Lobby, 'Lobby'],
        [ChannelKind.Delegation, 'Aland delegation'],
        [ChannelKind.Session, 'Closing plenary'],
      ]);
      expect(listed[2].channel.sessionId).toBe(session.id);
      await expect(dataSource.getRepository(Channel).countBy({ summitId: w.summit.id })).resolves.toBe(5);
    });

    it('creates the channel of a delegation that joins later', async () => {
      const carpathia = await saveOrganisation(dataSource, 'Carpathia');
      await saveParticipation(dataSource, w.summit, carpathia);
      const carla = await saveDelegate(dataSource, carpathia);

      const listed = await sut.list(as(carla), w.summit.id);

      expect(listed.map((l) => [l.channel.kind, l.channel.organisationId, l.channel.title])).toEqual([
        [ChannelKind.Lobby, null, 'Lobby'],
        [ChannelKind.Delegation, carpathia.id, 'Carpathia delegation'],
      ]);
    });

    it('gives the read marker and unread mentions of each channel', async () => {
      await saveMessage(dataSource, w.lobby, w.alice);
      await saveMessage(dataSource, w.lobby, w.alice, { mentionedIds: [w.boris.id] });
      await saveReadMarker(dataSource, w.lobby, w.boris, 1);

      const listed = await sut.list(as(w.boris), w.summit.id);

      expect(listed.find((l) => l.channel.id === w.lobby.id)).toMatchObject({ lastReadSequence: 1, unreadMentions: 1, channel: { lastSequence: 2 } });
      expect(listed.find((l) => l.channel.id === w.borduriaChannel.id)).toMatchObject({ lastReadSequence: 0, unreadMentions: 0 });
    });

    it('refuses someone who does not take part', async () => {
      await expect(sut.list(as(w.outsider), w.summit.id)).rejects.toEqual(domainError(SummitErrorCode.SummitNotFound));
    });
  });

  describe('direct', () => {
    it('opens one conversation between two participants, whichever of them starts it', async () => {
      const started = await sut.direct(await access.read(as(w.alice), w.summit.id), w.boris.id);

      await expect(sut.direct(await access.read(as(w.boris), w.summit.id), w.alice.id)).resolves.toMatchObject({ id: started.id });
      expect(started).toMatchObject({ kind: ChannelKind.Direct, memberIds: sorted([w.alice.id, w.boris.id]), lastSequence: 0, lastRevision: 0 });
    });

    it('refuses someone who does not take part, and oneself', async () => {
      await expect(sut.direct(await access.read(as(w.alice), w.summit.id), w.outsider.id)).rejects.toEqual(domainError(ErrorCode.NotFound));
      await expect(sut.direct(await access.read(as(w.alice), w.summit.id), w.alice.id)).rejects.toEqual(domainError(ErrorCode.NotFound));
    });
  });

  describe('audience', () => {
    it('names the rooms of everyone who may read a channel', async () => {
      const bilateral = await saveSession(dataSource, w.summit, { kind: SessionKind.Bilateral, organisationIds: [w.aland.id, w.borduria.id] });
      const bilateralChannel = await saveChannel(dataSource, w.summit, { kind: ChannelKind.Session, session: bilateral });
      const summitRoom = `summit:${w.summit.id}`;

      await expect(sut.audience(w.lobby)).resolves.toEqual([summitRoom]);
      await expect(sut.audience(w.alandChannel)).resolves.toEqual([`${summitRoom}:org:${w.aland.id}`]);
      await expect(sut.audience(bilateralChannel)).resolves.toEqual([`${summitRoom}:host`, `${summitRoom}:org:${w.aland.id}`, `${summitRoom}:org:${w.borduria.id}`]);
    });
  });
});
