import { Injectable, Logger } from '@nestjs/common';

/**
 * A change to who may see what. Live connections hold rooms joined under the
 * old rights; whoever keeps them (the real-time layer) re-checks them.
 */
export type AccessChange =
  /** Who may see a summit, or part of it, changed: a participation, a bilateral's parties, the summit's status. */
  | { kind: 'summit'; summitId: string }
  /** What one person may see changed: a membership, a per-summit role. */
  | { kind: 'person'; userId: string }
  /** Sign-in sessions ended, or must start again with new rights: their live connections close. */
  | { kind: 'sign-out'; sessionIds: string[] }
  | { kind: 'sign-out'; userId: string; exceptSessionId?: string };

export type AccessChangeListener = (change: AccessChange) => Promise<void> | void;

/**
 * Publishes access changes to the libs that keep state under earlier rights,
 * without identity or summits knowing them. Publish after the change is
 * committed: a listener re-reads the rights from the database.
 */
@Injectable()
export class AccessChanges {
  private readonly logger = new Logger(AccessChanges.name);
  private readonly listeners = new Set<AccessChangeListener>();

  subscribe(listener: AccessChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: AccessChange): void {
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(change))
        .catch((error: unknown) => this.logger.error(`Access change ${change.kind} was not applied: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
}
