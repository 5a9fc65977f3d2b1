import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentSummit, ScopedResource, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import {
  AgendaDto,
  AgendaPdfQueryDto,
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
import { SummitSession } from './session.entity';
import { SessionsService, SessionWrite } from './sessions.service';

function toWriteDto(write: SessionWrite): SessionWriteDto {
  return { session: toSessionDto(write.session), warnings: write.warnings };
}

@ApiTags('agenda')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('summits/:id/sessions')
  @SummitAccess('read')
  @ApiOkResponse({ type: [SessionDto] })
  async list(@CurrentSummit() ctx: SummitContext): Promise<SessionDto[]> {
    return (await this.sessions.list(ctx)).map(toSessionDto);
  }

  @Post('summits/:id/sessions')
  @SummitAccess('host')
  @ApiCreatedResponse({ type: SessionWriteDto, description: '409 SCHEDULE_CONFLICT with details unless override is set' })
  async create(@CurrentSummit() ctx: SummitContext, @Body() dto: CreateSessionDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.create(ctx, dto));
  }

  @Get('summits/:id/agenda')
  @SummitAccess('read')
  @ApiOkResponse({ type: AgendaDto })
  async agenda(@CurrentSummit() ctx: SummitContext, @Query() query: AgendaQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    return (await this.sessions.agenda(ctx, query.zone)).answer(res);
  }

  @Get('summits/:id/agenda.pdf')
  @SummitAccess('read')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The agenda as a PDF document, in the reader’s language and the zone asked for', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async agendaPdf(@CurrentSummit() ctx: SummitContext, @Query() query: AgendaPdfQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const pdf = await this.sessions.agendaPdf(ctx, query.zone, query.lang);
    res.setHeader('Content-Disposition', `attachment; filename="agenda.pdf"`);
    res.setHeader('Cache-Control', 'private, no-cache');
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length });
  }

  @Get('sessions/:id')
  @SummitAccess('read', { from: 'session' })
  @ApiOkResponse({ type: SessionDto })
  get(@ScopedResource() session: SummitSession): SessionDto {
    return toSessionDto(session);
  }

  @Patch('sessions/:id')
  @SummitAccess('host', { from: 'session' })
  @ApiOkResponse({ type: SessionWriteDto })
  async update(@CurrentSummit() ctx: SummitContext, @ScopedResource() session: SummitSession, @Body() dto: UpdateSessionDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.update(ctx, session, dto));
  }

  @Post('sessions/:id/reschedule')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async reschedule(@CurrentSummit() ctx: SummitContext, @ScopedResource() session: SummitSession, @Body() dto: RescheduleDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.reschedule(ctx, session, dto));
  }

  @Post('sessions/:id/postpone')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async postpone(@CurrentSummit() ctx: SummitContext, @ScopedResource() session: SummitSession, @Body() dto: StatusChangeDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.postpone(ctx, session, dto));
  }

  @Post('sessions/:id/cancel')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async cancel(@CurrentSummit() ctx: SummitContext, @ScopedResource() session: SummitSession, @Body() dto: StatusChangeDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.cancel(ctx, session, dto));
  }

  @Post('sessions/:id/reinstate')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SessionWriteDto })
  async reinstate(@CurrentSummit() ctx: SummitContext, @ScopedResource() session: SummitSession, @Body() dto: StatusChangeDto): Promise<SessionWriteDto> {
    return toWriteDto(await this.sessions.reinstate(ctx, session, dto));
  }

  @Get('sessions/:id/history')
  @SummitAccess('read', { from: 'session' })
  @ApiOkResponse({ type: [ScheduleChangeDto] })
  async history(@ScopedResource() session: SummitSession): Promise<ScheduleChangeDto[]> {
    return (await this.sessions.history(session)).map(toScheduleChangeDto);
  }
}
