import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Principal } from '@plenary/identity';
import { RequestFloorDto, SpeakersListDto } from './speakers-list.dto';
import { SpeakersListService } from './speakers-list.service';

@ApiTags('speakers list')
@Controller('sessions/:id/speakers')
export class SpeakersListController {
  constructor(private readonly speakers: SpeakersListService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: SpeakersListDto })
  get(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SpeakersListDto> {
    return this.speakers.get(principal, id);
  }

  @Post()
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto, description: 'Ask for the floor for a delegation' })
  request(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RequestFloorDto): Promise<SpeakersListDto> {
    return this.speakers.request(principal, id, dto);
  }

  @Post('next')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  next(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SpeakersListDto> {
    return this.speakers.control(principal, id, 'next');
  }

  @Post('pause')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  pause(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SpeakersListDto> {
    return this.speakers.control(principal, id, 'pause');
  }

  @Post('resume')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  resume(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SpeakersListDto> {
    return this.speakers.control(principal, id, 'resume');
  }

  @Post('end')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  end(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SpeakersListDto> {
    return this.speakers.control(principal, id, 'end');
  }

  @Post(':entryId/start')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SpeakersListDto })
  start(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<SpeakersListDto> {
    return this.speakers.control(principal, id, { start: entryId });
  }

  @Delete(':entryId')
  @Authenticated()
  @ApiOkResponse({ type: SpeakersListDto })
  withdraw(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<SpeakersListDto> {
    return this.speakers.withdraw(principal, id, entryId);
  }
}
