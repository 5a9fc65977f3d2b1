import { Injectable } from '@nestjs/common';
import type { Principal } from '@plenary/identity';
import { Notice, RoomKind, RoomNames } from '@plenary/realtime';
import { ChannelsService } from './channels.service';

/** `channel:<id>`: the sockets that have joined a chat channel, and get its messages. */
export const channelRooms = new RoomNames('channel');

/** Who may be in `channel:<id>`: whoever may use the channel, as its REST routes decide. */
@Injectable()
export class ChannelRoomKind implements RoomKind {
  readonly names = channelRooms;

  constructor(private readonly channels: ChannelsService) {}

  async admit(principal: Principal, channelId: string): Promise<string[]> {
    await this.channels.open(principal, channelId);
    return [];
  }

  async admitMany(principals: Principal[], channelIds: string[]): Promise<Map<string, Map<string, string[]>>> {
    const usable = await this.channels.usableBy(principals, channelIds);
    return new Map(channelIds.map((id) => [id, new Map(principals.filter((p) => usable.get(p.userId)?.has(id)).map((p) => [p.userId, []]))]));
  }

  lost(channelId: string): Notice {
    return { event: 'channel.removed', payload: { channelId } };
  }
}
