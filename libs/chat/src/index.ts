// Chat owns channels (summit lobby, sessions, delegations, direct
// conversations), messages with their sequence, history and revisions,
// read markers, moderation, and the /chat namespace.
export * from './chat.module';
export * from './channels/channel.entity';
export * from './channels/channels.service';
export * from './messages/message.entity';
export * from './messages/message.dto';
export * from './messages/messages.service';
export type * from './contracts/chat-events';
export * from './chat.errors';
