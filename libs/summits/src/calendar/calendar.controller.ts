import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCode, Optional } from '@plenary/common';
import { Authenticated, CurrentUser, Principal, Public } from '@plenary/identity';
import { IsUUID } from 'class-validator';
import { CurrentSummit, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import { CalendarService } from './calendar.service';

export class CreateCalendarFeedDto {
  @ApiPropertyOptional({ description: 'One summit; without it, every summit the user may read' }) @Optional() @IsUUID() summitId?: string;
}

export class CalendarFeedDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) summitId: string | null;
  @ApiProperty() createdAt: string;
}

export class IssuedCalendarFeedDto extends CalendarFeedDto {
  @ApiProperty({ description: 'webcal:// address to subscribe to; shown once' }) url: string;
  @ApiProperty() httpUrl: string;
}

const ICS = 'text/calendar; charset=utf-8';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('summits/:id/calendar.ics')
  @SummitAccess('read')
  @Header('Content-Type', ICS)
  @ApiProduces('text/calendar')
  forSummit(@CurrentSummit() ctx: SummitContext): Promise<string> {
    return this.calendar.forSummit(ctx);
  }

  @Post('calendar-feeds')
  @Authenticated()
  @ApiCreatedResponse({ type: IssuedCalendarFeedDto })
  async issue(@CurrentUser() principal: Principal, @Body() dto: CreateCalendarFeedDto): Promise<IssuedCalendarFeedDto> {
    const { feed, url, httpUrl } = await this.calendar.issue(principal, dto.summitId);
    return { id: feed.id, summitId: feed.summitId, createdAt: feed.createdAt.toISOString(), url, httpUrl };
  }

  @Get('calendar-feeds')
  @Authenticated()
  @ApiOkResponse({ type: [CalendarFeedDto] })
  async list(@CurrentUser() principal: Principal): Promise<CalendarFeedDto[]> {
    return (await this.calendar.list(principal)).map((f) => ({ id: f.id, summitId: f.summitId, createdAt: f.createdAt.toISOString() }));
  }

  @Delete('calendar-feeds/:id')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.calendar.revoke(principal, id);
  }

  /** The secret subscription address: the token in the path is the credential. */
  @Get('public/calendar/:file')
  @Public()
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  byToken(@Param('file') file: string): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError(ErrorCode.NotFound, 'No such calendar');
    return this.calendar.byToken(token);
  }
}
