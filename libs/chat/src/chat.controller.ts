import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Principal } from '@plenary/identity';
import { IsUUID } from 'class-validator';
import { ChannelsService } from './channels/channels.service';
import { ChannelDto, ChatMuteDto, HistoryQueryDto, MessageDto, MuteDto, ReadSequenceDto, toChannelDto, toChatMuteDto, toMessageDto } from './messages/message.dto';
import { MessagesService } from './messages/messages.service';

export class DirectChannelDto {
  @IsUUID()
  userId: string;
}

@ApiTags('chat')
@Controller()
export class ChatController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
  ) {}

  @Get('summits/:id/channels')
  @Authenticated()
  @ApiOkResponse({ type: [ChannelDto] })
  async list(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ChannelDto[]> {
    return (await this.channels.list(principal, id)).map((c) => toChannelDto(c.channel, c.lastReadSequence, c.unreadMentions));
  }

  @Post('summits/:id/channels/direct')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelDto, description: 'The direct conversation with that participant, created on first use' })
  async direct(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DirectChannelDto): Promise<ChannelDto> {
    const channel = await this.channels.direct(principal, id, dto.userId);
    return toChannelDto(channel, 0);
  }

  @Get('channels/:id/messages')
  @Authenticated()
  @ApiOkResponse({ type: [MessageDto], description: 'In sequence order' })
  async history(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: HistoryQueryDto): Promise<MessageDto[]> {
    return (await this.messages.history(principal, id, query)).map(toMessageDto);
  }

  @Get('channels/:id/pins')
  @Authenticated()
  @ApiOkResponse({ type: [MessageDto] })
  async pins(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MessageDto[]> {
    return (await this.messages.pinned(principal, id)).map(toMessageDto);
  }

  @Post('channels/:id/read')
  @Authenticated()
  @HttpCode(200)
  async read(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReadSequenceDto): Promise<{ lastReadSequence: number }> {
    return { lastReadSequence: await this.messages.read(principal, id, dto.sequence) };
  }

  @Delete('messages/:id')
  @Authenticated()
  @ApiOkResponse({ type: MessageDto, description: 'The message as deleted; its text stays in the history' })
  async remove(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MessageDto> {
    return toMessageDto(await this.messages.remove(principal, id));
  }

  @Get('summits/:id/chat-mutes')
  @Authenticated()
  @ApiOkResponse({ type: [ChatMuteDto], description: 'The mutes in force, for the host side' })
  async mutes(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ChatMuteDto[]> {
    return (await this.messages.mutesInForce(principal, id)).map(toChatMuteDto);
  }

  @Put('summits/:id/chat-mutes')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The participant can no longer post in this summit’s chat' })
  async mute(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MuteDto): Promise<void> {
    await this.messages.mute(principal, id, dto.userId, dto.minutes);
  }

  @Delete('summits/:id/chat-mutes/:userId')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  async unmute(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.messages.unmute(principal, id, userId);
  }
}
