import { Injectable } from '@nestjs/common';
import { DomainError } from '@plenary/common';
import { SummitErrorCode } from '../summits.errors';
import type { SummitContext } from './summit-context';

/** What an id in a route names, and the summit it belongs to. */
export interface Scoped<T> {
  summitId: string;
  resource: T;
}

/**
 * How the id of one kind of thing (a session, a channel, a message…) leads to
 * its summit, registered by the lib that owns the thing; summit access at the
 * route (`@SummitAccess()`) uses it to find the summit, then the caller's
 * context in it.
 */
export interface SummitScope<T = unknown> {
  /** The thing behind the id and its summit, or null when there is none. */
  find(id: string): Promise<Scoped<T> | null>;
  /**
   * Whether someone who may read the summit may also see this thing (a
   * bilateral for its parties, a private channel for its members…); without
   * it, everyone who may read the summit may.
   */
  visibleTo?(ctx: SummitContext, resource: T): boolean | Promise<boolean>;
  /** The answer to someone for whom the thing does not exist, because it does not or because they may not see it. */
  notFound(): DomainError;
}

/** The kinds of thing summit access knows from the start: summits themselves (`summits/:id`). */
export const SUMMIT_KIND = 'summit';

/**
 * The kinds of thing a route may name to be checked against its summit
 * (`summit`, `session`, `channel`, `message`…), each with the path segment its
 * routes put before the id (`sessions/:id`), so that the route matrix finds
 * every route that must declare summit access, new kinds included.
 */
@Injectable()
export class SummitScopes {
  private readonly scopes = new Map<string, { segment: string; scope: SummitScope }>([
    [SUMMIT_KIND, { segment: 'summits', scope: { find: async (id) => ({ summitId: id, resource: null }), notFound: () => new DomainError(SummitErrorCode.SummitNotFound, 'No such summit') } }],
  ]);

  /** Registers a kind once, at start; `segment` is the collection its routes name (`channels` for `channels/:id`). */
  register<T>(kind: string, segment: string, scope: SummitScope<T>): void {
    if (this.scopes.has(kind)) throw new Error(`Summit scope ${kind} is already registered`);
    this.scopes.set(kind, { segment, scope: scope as SummitScope });
  }

  /** The scope of a kind; an unknown kind is a mistake in a route's declaration, not a caller's. */
  get(kind: string): SummitScope {
    const found = this.scopes.get(kind);
    if (!found) throw new Error(`No summit scope is registered for ${kind}`);
    return found.scope;
  }

  /** Every kind with the path segment of its routes. */
  kinds(): { kind: string; segment: string }[] {
    return [...this.scopes].map(([kind, { segment }]) => ({ kind, segment }));
  }
}
