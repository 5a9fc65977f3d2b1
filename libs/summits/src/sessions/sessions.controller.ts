import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Principal, UsersService } from '@plenary/identity';
import {
  AgendaDto,
  AgendaQueryDto,
  CreateSessionDto,
  RescheduleDto,
  ScheduleChangeDto,
  SessionDto,
  SessionWriteDto,
  StatusChangeDto,
  toScheduleChangeDto,
  toSessionDto,
  UpdateSessionDto,
} from './session.dto';
import { SessionsService, SessionWrite } from './sessions.service';

function toWriteDto(write: SessionWrite): SessionWriteDto {
  return { session: toSessionDto(write.session), warnings: write.warnings };
}

@ApiTags('agenda')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  @Get('summits/:summitId/sessions')
  @Authenticated()
  @ApiOkResponse({ type: [SessionDto] })
  async list(@CurrentUser() principal: Principal, @Param('summitId', ParseUUIDPipe) summitId: string): Promise<SessionDto[]> {
    return (await this.sessions.list(principal, summitId)).map(toSessionDto);
  }

  @Post('summits/:summitId/sessions')
  @Authenticated()
  @ApiCreatedResponse({ type: SessionWriteDto, description: '409 SCHEDULE_CONFLICT with details unless override is set' })
  async create(@CurrentUser() principal: Principal, @Param('summitId', ParseUUIDPipe) summitId: string, @Body() dto: CreateSessionDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.create(principal, summitId, dto));
  }

  @Get('summits/:summitId/agenda')
  @Authenticated()
  @ApiOkResponse({ type: AgendaDto })
  async agenda(@CurrentUser() principal: Principal, @Param('summitId', ParseUUIDPipe) summitId: string, @Query() query: AgendaQueryDto): Promise<AgendaDto> {
    return this.sessions.agenda(principal, await this.users.get(principal.userId), summitId, query.zone);
  }

  @Get('sessions/:id')
  @Authenticated()
  @ApiOkResponse({ type: SessionDto })
  async get(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SessionDto> {
    return toSessionDto((await this.sessions.read(principal, id)).session);
  }

  @Patch('sessions/:id')
  @Authenticated()
  @ApiOkResponse({ type: SessionWriteDto })
  async update(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSessionDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.update(principal, id, dto));
  }

  @Post('sessions/:id/reschedule')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async reschedule(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RescheduleDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.reschedule(principal, id, dto));
  }

  @Post('sessions/:id/postpone')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async postpone(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StatusChangeDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.postpone(principal, id, dto));
  }

  @Post('sessions/:id/cancel')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async cancel(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StatusChangeDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.cancel(principal, id, dto));
  }

  @Post('sessions/:id/reinstate')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async reinstate(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StatusChangeDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.reinstate(principal, id, dto));
  }

  @Get('sessions/:id/history')
  @Authenticated()
  @ApiOkResponse({ type: [ScheduleChangeDto] })
  async history(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ScheduleChangeDto[]> {
    return (await this.sessions.history(principal, id)).map(toScheduleChangeDto);
  }
}
