import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentSummit, ScopedResource, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import { SummitSession } from '../sessions/session.entity';
import { ExtendSpeechDto, ReorderSpeakersDto, RequestFloorDto, SpeakersListDto } from './speakers-list.dto';
import { SpeakersListService } from './speakers-list.service';

@ApiTags('speakers list')
@Controller('sessions/:id/speakers')
export class SpeakersListController {
  constructor(private readonly speakers: SpeakersListService) {}

  @Get()
  @SummitAccess('read', { from: 'session' })
  @ApiOkResponse({ type: SpeakersListDto })
  get(@ScopedResource() session: SummitSession): Promise<SpeakersListDto> {
    return this.speakers.get(session);
  }

  @Post()
  @SummitAccess('read', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto, description: 'Ask for the floor for a delegation' })
  request(@CurrentSummit() ctx: SummitContext, @ScopedResource() session: SummitSession, @Body() dto: RequestFloorDto): Promise<SpeakersListDto> {
    return this.speakers.request(ctx, session, dto);
  }

  @Post('next')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  next(@ScopedResource() session: SummitSession): Promise<SpeakersListDto> {
    return this.speakers.control(session, 'next');
  }

  @Post('pause')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  pause(@ScopedResource() session: SummitSession): Promise<SpeakersListDto> {
    return this.speakers.control(session, 'pause');
  }

  @Post('resume')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  resume(@ScopedResource() session: SummitSession): Promise<SpeakersListDto> {
    return this.speakers.control(session, 'resume');
  }

  @Post('end')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  end(@ScopedResource() session: SummitSession): Promise<SpeakersListDto> {
    return this.speakers.control(session, 'end');
  }

  @Post('order')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto, description: 'The chair reorders the waiting entries; 409 STALE_ORDER when the list changed since the chair read it' })
  reorder(@ScopedResource() session: SummitSession, @Body() dto: ReorderSpeakersDto): Promise<SpeakersListDto> {
    return this.speakers.reorder(session, dto);
  }

  @Patch(':entryId')
  @SummitAccess('host', { from: 'session' })
  @ApiOkResponse({ type: SpeakersListDto, description: 'The chair gives the speaker holding the floor more time' })
  extend(@ScopedResource() session: SummitSession, @Param('entryId', ParseUUIDPipe) entryId: string, @Body() dto: ExtendSpeechDto): Promise<SpeakersListDto> {
    return this.speakers.extend(session, entryId, dto);
  }

  @Post(':entryId/start')
  @SummitAccess('host', { from: 'session' })
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  start(@ScopedResource() session: SummitSession, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<SpeakersListDto> {
    return this.speakers.control(session, { start: entryId });
  }

  @Delete(':entryId')
  @SummitAccess('read', { from: 'session' })
  @ApiOkResponse({ type: SpeakersListDto, description: 'The host side, or the delegation itself, withdraws a waiting request' })
  withdraw(@CurrentSummit() ctx: SummitContext, @ScopedResource() session: SummitSession, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<SpeakersListDto> {
    return this.speakers.withdraw(ctx, session, entryId);
  }
}
