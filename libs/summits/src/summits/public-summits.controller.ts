import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@plenary/identity';
import { AgendaDto } from '../sessions/session.dto';
import { SessionsService } from '../sessions/sessions.service';
import { SummitDto, toSummitDto } from './summit.dto';
import { SummitsService } from './summits.service';

/** What anonymous readers may see: summits whose agenda is public, and that agenda (bilaterals excluded). */
@ApiTags('public')
@Controller('public/summits')
export class PublicSummitsController {
  constructor(
    private readonly summits: SummitsService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: [SummitDto] })
  async list(): Promise<SummitDto[]> {
    return (await this.summits.listPublic()).map((s) => toSummitDto(s));
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: SummitDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<SummitDto> {
    return toSummitDto(await this.summits.publicSummit(id));
  }

  @Get(':id/agenda')
  @Public()
  @ApiOkResponse({ type: AgendaDto })
  async agenda(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return (await this.sessions.publicAgenda(await this.summits.publicSummit(id))).answer(res);
  }
}
