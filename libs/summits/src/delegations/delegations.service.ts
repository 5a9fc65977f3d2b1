import { Injectable } from '@nestjs/common';
import { InvitationsService } from '@plenary/identity';
import type { SummitContext } from '../access/summit-context';
import { ParticipationService } from '../participation/participation.service';
import { DelegationsDto } from './delegation.dto';
import { groupDelegations } from './delegation-groups';

/** The summit's people by delegation, for every reader; addresses and open invitations for the host side only. */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly participation: ParticipationService,
    private readonly invitations: InvitationsService,
  ) {}

  async list(ctx: SummitContext, query?: string): Promise<DelegationsDto> {
    const [roster, openInvitations] = await Promise.all([
      this.participation.roster(ctx.summit.id),
      ctx.isHost ? this.invitations.openCountsBySummit(ctx.summit.id) : undefined,
    ]);
    return groupDelegations(roster, { isHost: ctx.isHost, query, openInvitations });
  }
}
