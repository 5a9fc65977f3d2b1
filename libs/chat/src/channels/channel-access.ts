import { canSeeSession, SummitContext, SummitSession } from '@plenary/summits';
import { ChannelKind } from './channel.entity';
import type { JoinedChannel } from './channels.service';

/**
 * Who may use a channel, among those who may read its summit: everyone the
 * lobby; a session's channel, whoever may see the session (`session` is it,
 * for a session channel); a delegation's channel, the delegation (which the
 * host side never sits in, but for the host organisation's own: see
 * `delegationsOf`); a direct conversation, its two members.
 */
export function mayUseChannel(ctx: SummitContext, channel: JoinedChannel, session: SummitSession | null): boolean {
  switch (channel.kind) {
    case ChannelKind.Lobby:
      return true;
    case ChannelKind.Session:
      return session !== null && canSeeSession(ctx, session);
    case ChannelKind.Delegation:
      return channel.organisationId !== null && ctx.organisationIds.includes(channel.organisationId);
    case ChannelKind.Direct:
      return channel.memberIds.includes(ctx.principal.userId);
  }
}

/** May delete others' messages and pin: the summit's host side, in the lobby and session channels. */
export function moderates(ctx: SummitContext, channel: Pick<JoinedChannel, 'kind'>): boolean {
  return ctx.isHost && (channel.kind === ChannelKind.Lobby || channel.kind === ChannelKind.Session);
}
