import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, newId } from '@plenary/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { SummitContext } from '../access/summit-context';
import { raiseAgendaRevision } from '../sessions/agenda-cache';
import { SummitSession } from '../sessions/session.entity';
import { SummitErrorCode } from '../summits.errors';
import { CreateRoomDto, UpdateRoomDto } from './room.dto';
import { SummitRoom } from './room.entity';

const sameName = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** A summit's rooms. A session held in a room carries the room's name as its `room`, kept in step on every rename. */
@Injectable()
export class RoomsService {
  constructor(
    @InjectRepository(SummitRoom) private readonly rooms: Repository<SummitRoom>,
    private readonly dataSource: DataSource,
  ) {}

  list(summitId: string): Promise<SummitRoom[]> {
    return this.rooms.find({ where: { summitId }, order: { name: 'ASC' } });
  }

  /** A room of the summit, or ROOM_NOT_FOUND (also for a room of another summit). */
  async get(summitId: string, roomId: string, m?: EntityManager): Promise<SummitRoom> {
    const room = await (m ? m.getRepository(SummitRoom) : this.rooms).findOne({ where: { id: roomId, summitId } });
    if (!room) throw new DomainError(SummitErrorCode.RoomNotFound, 'No such room in this summit');
    return room;
  }

  async create(ctx: SummitContext, dto: CreateRoomDto): Promise<SummitRoom> {
    return this.dataSource.transaction(async (m) => {
      await this.assertNamesFree(m, ctx.summit.id, null, dto.name, dto.nameFr ?? null);
      const room = m.getRepository(SummitRoom).create({ id: newId(), summitId: ctx.summit.id, name: dto.name, nameFr: dto.nameFr ?? null, capacity: dto.capacity ?? null });
      await m.getRepository(SummitRoom).save(room);
      // Agendas list the summit's rooms, for the timetable's columns.
      await raiseAgendaRevision(m, ctx.summit.id);
      return room;
    });
  }

  /** Renames a room (or sets its capacity); the sessions held in it show the new name at once. */
  async update(ctx: SummitContext, roomId: string, dto: UpdateRoomDto): Promise<SummitRoom> {
    return this.dataSource.transaction(async (m) => {
      const room = await this.get(ctx.summit.id, roomId, m);
      const name = dto.name ?? room.name;
      const nameFr = dto.nameFr === undefined ? room.nameFr : dto.nameFr;
      await this.assertNamesFree(m, ctx.summit.id, room.id, name, nameFr);
      const renamed = name !== room.name || nameFr !== room.nameFr;
      room.name = name;
      room.nameFr = nameFr;
      if (dto.capacity !== undefined) room.capacity = dto.capacity;
      await m.getRepository(SummitRoom).save(room);
      if (renamed) {
        await m.getRepository(SummitSession).update({ summitId: ctx.summit.id, roomId: room.id }, { room: room.name });
        await raiseAgendaRevision(m, ctx.summit.id);
      }
      return room;
    });
  }

  private async assertNamesFree(m: EntityManager, summitId: string, roomId: string | null, name: string, nameFr: string | null): Promise<void> {
    const others = (await m.getRepository(SummitRoom).find({ where: { summitId } })).filter((r) => r.id !== roomId);
    const taken = others.find((r) => [r.name, r.nameFr].some((n) => sameName(n, name) || sameName(n, nameFr)));
    if (taken) throw new DomainError(SummitErrorCode.RoomNameTaken, `The summit already has a room named “${taken.name}”`);
  }
}
