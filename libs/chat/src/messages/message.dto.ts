import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoundedInt, IsQueryInt, IsText, Optional } from '@plenary/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsUUID, Matches, ValidateNested } from 'class-validator';
import { Channel, ChannelKind } from '../channels/channel.entity';
import type { ChatChannel, ChatMessage, ChatMuteView } from '../contracts/chat-events';
import { ChatMute, Message } from './message.entity';

export const MESSAGE_MAX_LENGTH = 4000;

export class MentionsDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) userIds: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) organisationIds: string[];
}

export class SendMessageDto {
  @ApiProperty() @IsUUID() channelId: string;
  @ApiProperty({ description: 'The sender’s own id for this message (1–64 of A–Z a–z 0–9 _ -); resending it stores nothing new' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  clientMessageId: string;
  @ApiProperty({ maxLength: MESSAGE_MAX_LENGTH }) @IsText(MESSAGE_MAX_LENGTH, 1) body: string;
  @ApiPropertyOptional() @Optional() @IsUUID() replyToId?: string;
  @ApiPropertyOptional({ type: MentionsDto }) @Optional() @ValidateNested() @Type(() => MentionsDto) mentions?: MentionsDto;
}

export class EditMessageDto {
  @ApiProperty() @IsUUID() messageId: string;
  @ApiProperty() @IsText(MESSAGE_MAX_LENGTH, 1) body: string;
}

export class MessageRefDto {
  @ApiProperty() @IsUUID() messageId: string;
}

export class PinMessageDto extends MessageRefDto {
  @ApiProperty() @IsBoolean() pinned: boolean;
}

export class ChannelRefDto {
  @ApiProperty() @IsUUID() channelId: string;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ description: 'Messages with a sequence below this, newest first' }) @Optional() @IsQueryInt(1) before?: number;
  @ApiPropertyOptional({ description: 'Messages with a sequence above this, oldest first (what was missed)' }) @Optional() @IsQueryInt(0) after?: number;
  @ApiPropertyOptional({ description: 'Messages sent, edited, deleted, pinned or unpinned after this revision, in revision order (what changed while away)' })
  @Optional()
  @IsQueryInt(0)
  changedSince?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @Optional() @IsQueryInt(1, 200) limit?: number;
}

export class HistoryRequestDto extends HistoryQueryDto {
  @ApiProperty() @IsUUID() channelId: string;
}

export class ReadSequenceDto {
  @ApiProperty({ description: 'The newest sequence the reader has seen' }) @IsBoundedInt(0) sequence: number;
}

export class ReadDto extends ReadSequenceDto {
  @ApiProperty() @IsUUID() channelId: string;
}

/** The other person of a direct conversation. */
export class DirectChannelDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
}

export class MuteDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiPropertyOptional({ description: 'Minutes; without it, until lifted' }) @Optional() @IsBoundedInt(1, 10_080) minutes?: number;
}

/** A mute in force: who, until when (null: until lifted), by whom. */
export class ChatMuteDto implements ChatMuteView {
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String }) until: string | null;
  @ApiProperty() mutedById: string;
  @ApiProperty() createdAt: string;
}

export function toChatMuteDto(mute: ChatMute): ChatMuteDto {
  return { userId: mute.userId, until: mute.until?.toISOString() ?? null, mutedById: mute.mutedById, createdAt: mute.createdAt.toISOString() };
}

export class MessageDto implements ChatMessage {
  @ApiProperty() id: string;
  @ApiProperty() channelId: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ description: 'The channel’s revision at the message’s latest change' }) revision: number;
  @ApiProperty() clientMessageId: string;
  @ApiProperty() authorId: string;
  @ApiProperty({ description: 'Empty once deleted' }) body: string;
  @ApiProperty({ nullable: true, type: String }) replyToId: string | null;
  @ApiProperty({ type: MentionsDto }) mentions: MentionsDto;
  @ApiProperty() pinned: boolean;
  @ApiProperty({ nullable: true, type: String }) editedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deletedAt: string | null;
  @ApiProperty() createdAt: string;
}

export function toMessageDto(m: Message): MessageDto {
  return {
    id: m.id,
    channelId: m.channelId,
    sequence: m.sequence,
    revision: m.revision,
    clientMessageId: m.clientMessageId,
    authorId: m.authorId,
    body: m.deletedAt ? '' : m.body,
    replyToId: m.replyToId,
    mentions: m.mentions,
    pinned: m.pinned,
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}

export class ChannelDto implements ChatChannel {
  @ApiProperty() id: string;
  @ApiProperty() summitId: string;
  @ApiProperty({ enum: ChannelKind }) kind: ChannelKind;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ type: [String] }) memberIds: string[];
  @ApiProperty() lastSequence: number;
  @ApiProperty({ description: 'Counts every change in the channel; history `changedSince` takes it' }) lastRevision: number;
  @ApiProperty() lastReadSequence: number;
  @ApiProperty() unread: number;
  @ApiProperty({ description: 'Unread messages that mention the reader, by name or through their delegation' }) unreadMentions: number;
}

export function toChannelDto(channel: Channel, lastReadSequence: number, unreadMentions = 0): ChannelDto {
  return {
    id: channel.id,
    summitId: channel.summitId,
    kind: channel.kind,
    title: channel.title,
    sessionId: channel.sessionId,
    organisationId: channel.organisationId,
    memberIds: channel.memberIds,
    lastSequence: channel.lastSequence,
    lastRevision: channel.lastRevision,
    lastReadSequence,
    unread: Math.max(0, channel.lastSequence - lastReadSequence),
    unreadMentions,
  };
}
