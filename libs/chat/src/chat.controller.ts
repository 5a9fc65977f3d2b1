import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentSummit, ScopedResource, SummitAccess, SummitContext } from '@plenary/summits';
import { Channel } from './channels/channel.entity';
import { ChannelsService } from './channels/channels.service';
import { ChannelDto, ChatMuteDto, DirectChannelDto, HistoryQueryDto, MessageDto, MuteDto, ReadSequenceDto, toChannelDto, toChatMuteDto, toMessageDto } from './messages/message.dto';
import { MessageInChannel, MessagesService } from './messages/messages.service';

@ApiTags('chat')
@Controller()
export class ChatController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
  ) {}

  @Get('summits/:id/channels')
  @SummitAccess('read')
  @ApiOkResponse({ type: [ChannelDto] })
  async list(@CurrentSummit() ctx: SummitContext): Promise<ChannelDto[]> {
    return (await this.channels.listIn(ctx)).map((c) => toChannelDto(c.channel, c.lastReadSequence, c.unreadMentions));
  }

  @Post('summits/:id/channels/direct')
  @SummitAccess('read')
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelDto, description: 'The direct conversation with that participant, created on first use' })
  async direct(@CurrentSummit() ctx: SummitContext, @Body() dto: DirectChannelDto): Promise<ChannelDto> {
    return toChannelDto(await this.channels.direct(ctx, dto.userId), 0);
  }

  @Get('channels/:id/messages')
  @SummitAccess('read', { from: 'channel' })
  @ApiOkResponse({ type: [MessageDto], description: 'In sequence order' })
  async history(@ScopedResource() channel: Channel, @Query() query: HistoryQueryDto): Promise<MessageDto[]> {
    return (await this.messages.historyOf(channel.id, query)).map(toMessageDto);
  }

  @Get('channels/:id/pins')
  @SummitAccess('read', { from: 'channel' })
  @ApiOkResponse({ type: [MessageDto] })
  async pins(@ScopedResource() channel: Channel): Promise<MessageDto[]> {
    return (await this.messages.pinnedIn(channel.id)).map(toMessageDto);
  }

  @Post('channels/:id/read')
  @SummitAccess('read', { from: 'channel' })
  @HttpCode(200)
  async read(@CurrentSummit() ctx: SummitContext, @ScopedResource() channel: Channel, @Body() dto: ReadSequenceDto): Promise<{ lastReadSequence: number }> {
    return { lastReadSequence: await this.messages.readIn(channel, ctx.principal.userId, dto.sequence) };
  }

  @Delete('messages/:id')
  @SummitAccess('read', { from: 'message' })
  @ApiOkResponse({ type: MessageDto, description: 'The message as deleted, by its author or a moderator; its text stays in the history' })
  async remove(@CurrentSummit() ctx: SummitContext, @ScopedResource() found: MessageInChannel): Promise<MessageDto> {
    return toMessageDto(await this.messages.removeAs(ctx, found));
  }

  @Get('summits/:id/chat-mutes')
  @SummitAccess('host')
  @ApiOkResponse({ type: [ChatMuteDto], description: 'The mutes in force, for the host side' })
  async mutes(@CurrentSummit() ctx: SummitContext): Promise<ChatMuteDto[]> {
    return (await this.messages.mutesInForce(ctx)).map(toChatMuteDto);
  }

  @Put('summits/:id/chat-mutes')
  @SummitAccess('host')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The participant can no longer post in this summit’s chat' })
  async mute(@CurrentSummit() ctx: SummitContext, @Body() dto: MuteDto): Promise<void> {
    await this.messages.mute(ctx, dto.userId, dto.minutes);
  }

  @Delete('summits/:id/chat-mutes/:userId')
  @SummitAccess('host')
  @HttpCode(204)
  @ApiNoContentResponse()
  async unmute(@CurrentSummit() ctx: SummitContext, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.messages.unmute(ctx, userId);
  }
}
