import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentSummit, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import { CreateRoomDto, RoomDto, toRoomDto, UpdateRoomDto } from './room.dto';
import { RoomsService } from './rooms.service';

@ApiTags('agenda')
@Controller('summits/:id/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @SummitAccess('read')
  @ApiOkResponse({ type: [RoomDto] })
  async list(@CurrentSummit() ctx: SummitContext): Promise<RoomDto[]> {
    return (await this.rooms.list(ctx.summit.id)).map(toRoomDto);
  }

  @Post()
  @SummitAccess('host')
  @ApiCreatedResponse({ type: RoomDto, description: '409 ROOM_NAME_TAKEN when the summit has a room of that name (in either language)' })
  async create(@CurrentSummit() ctx: SummitContext, @Body() dto: CreateRoomDto): Promise<RoomDto> {
    return toRoomDto(await this.rooms.create(ctx, dto));
  }

  @Patch(':roomId')
  @SummitAccess('host')
  @ApiOkResponse({ type: RoomDto, description: '409 ROOM_NAME_TAKEN; 404 ROOM_NOT_FOUND' })
  async update(@CurrentSummit() ctx: SummitContext, @Param('roomId', ParseUUIDPipe) roomId: string, @Body() dto: UpdateRoomDto): Promise<RoomDto> {
    return toRoomDto(await this.rooms.update(ctx, roomId, dto));
  }
}
