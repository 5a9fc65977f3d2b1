import { Injectable } from '@nestjs/common';
import type { MailContent, MailReader } from '@plenary/mail';
import type { EntityManager } from 'typeorm';
import type { Invitation } from './invitation.entity';

/**
 * What identity needs to know of the summits an invitation may be for, told
 * by the lib that keeps them (summits), which identity may not import.
 */
export interface InvitationSummitsHandler {
  /** The titles of these summits, those that exist. */
  titles(summitIds: readonly string[]): Promise<Map<string, string>>;
  /** Whether the person already has a place in the summit: inviting them to one is then pointless. */
  isNamed(summitId: string, userId: string, manager: EntityManager): Promise<boolean>;
  /** The invitation's mail, in its reader's language (the invitation comes with its organisation). */
  mail(invitation: Invitation, link: string, reader: MailReader, manager: EntityManager): Promise<MailContent>;
  /** Names the person who accepted in the summit, in the invitation's delegation and role, inside the acceptance's transaction. */
  seat(invitation: Invitation, userId: string, manager: EntityManager): Promise<void>;
}

/** Where the summits lib registers its handler of invitations for a summit, as it starts. */
@Injectable()
export class InvitationSummits {
  private handler: InvitationSummitsHandler | null = null;

  register(handler: InvitationSummitsHandler): void {
    if (this.handler) throw new Error('Invitations for summits are handled already');
    this.handler = handler;
  }

  get(): InvitationSummitsHandler {
    if (!this.handler) throw new Error('No lib handles invitations for summits');
    return this.handler;
  }
}
