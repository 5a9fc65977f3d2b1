import { ID_COLUMN, utcTimestamp } from '@plenary/database';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export interface Mentions {
  userIds: string[];
  organisationIds: string[];
}

@Entity({ name: 'chat_messages' })
@Index('UQ_chat_messages_channel_sequence', ['channelId', 'sequence'], { unique: true })
@Index('UQ_chat_messages_author_client_id', ['authorId', 'clientMessageId'], { unique: true })
@Index('IDX_chat_messages_channel_revision', ['channelId', 'revision'])
export class Message {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'channel_id' })
  channelId: string;

  /** Assigned by the server, increasing by one per channel: clients detect gaps with it. */
  @Column({ type: 'integer' })
  sequence: number;

  /** The channel's revision at this message's latest change: catching up asks for the revisions after the last one seen. */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  /** The sender's own id for the message: resending it stores nothing new. */
  @Column({ name: 'client_message_id', type: 'varchar', length: 64 })
  clientMessageId: string;

  @Column({ ...ID_COLUMN, name: 'author_id' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ ...ID_COLUMN, name: 'reply_to_id', nullable: true })
  replyToId: string | null;

  @Column({ type: 'simple-json' })
  mentions: Mentions;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column(utcTimestamp({ name: 'edited_at', nullable: true }))
  editedAt: Date | null;

  @Column(utcTimestamp({ name: 'deleted_at', nullable: true }))
  deletedAt: Date | null;

  @Column({ ...ID_COLUMN, name: 'deleted_by_id', nullable: true })
  deletedById: string | null;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}

/** A person a message mentions, by name or through their delegation, who may read its channel. */
@Entity({ name: 'chat_mentions' })
@Index('UQ_chat_mentions_message_user', ['messageId', 'userId'], { unique: true })
@Index('IDX_chat_mentions_user_channel_sequence', ['userId', 'channelId', 'sequence'])
export class Mention {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'message_id' })
  messageId: string;

  @Column({ ...ID_COLUMN, name: 'channel_id' })
  channelId: string;

  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  /** The message's sequence: mentions after the read marker are unread. */
  @Column({ type: 'integer' })
  sequence: number;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}

/** Earlier bodies of an edited or deleted message: the history is kept. */
@Entity({ name: 'chat_message_revisions' })
export class MessageRevision {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Index('IDX_chat_message_revisions_message')
  @Column({ ...ID_COLUMN, name: 'message_id' })
  messageId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ ...ID_COLUMN, name: 'changed_by_id' })
  changedById: string;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}

/** How far a user has read a channel. */
@Entity({ name: 'chat_read_markers' })
@Index('UQ_chat_read_markers_channel_user', ['channelId', 'userId'], { unique: true })
export class ReadMarker {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'channel_id' })
  channelId: string;

  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  @Column({ name: 'last_read_sequence', type: 'integer', default: 0 })
  lastReadSequence: number;

  @Column(utcTimestamp({ name: 'updated_at' }))
  updatedAt: Date;
}

/** A participant silenced in a summit's chat by its chair or secretariat. */
@Entity({ name: 'chat_mutes' })
@Index('UQ_chat_mutes_summit_user', ['summitId', 'userId'], { unique: true })
export class ChatMute {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column({ ...ID_COLUMN, name: 'summit_id' })
  summitId: string;

  @Column({ ...ID_COLUMN, name: 'user_id' })
  userId: string;

  @Column({ ...ID_COLUMN, name: 'muted_by_id' })
  mutedById: string;

  @Column(utcTimestamp({ name: 'until', nullable: true }))
  until: Date | null;

  @Column(utcTimestamp({ name: 'created_at' }))
  createdAt: Date;
}
