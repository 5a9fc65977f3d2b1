import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import { GuardedRoute } from '@plenary/identity';
import { SUMMIT_ACCESS_KEY, SummitAccessGuard, SummitAccessRule, SummitScopedRequest } from './summit-access.guard';
import type { ScopedAccess, SummitAccessLevel, SummitContext } from './summit-context';
import { SUMMIT_KIND } from './summit-scopes.registry';

/** The name the rule goes by in the route matrix. */
export const SUMMIT_RULE = 'summit';

/**
 * Summit access, declared at the route: the route's id (`param`, `id` by
 * default) names a thing of a summit (`from`: the summit itself by default,
 * or a kind registered with `SummitScopes`: `session`, `channel`,
 * `message`…). Whoever may not read that summit, or see that thing, gets its
 * not-found (404); with `host`, a participant who may read it gets 403. The
 * handler receives the caller's context with `@CurrentSummit()` and the thing
 * with `@ScopedResource()`; services take them instead of checking again.
 *
 *     @SummitAccess('read', { from: 'session' })
 *     get(@ScopedResource() session: SummitSession) {}
 */
export function SummitAccess(level: SummitAccessLevel, { from = SUMMIT_KIND, param = 'id' }: { from?: string; param?: string } = {}) {
  const rule: SummitAccessRule = { level, from, param };
  return applyDecorators(
    SetMetadata(SUMMIT_ACCESS_KEY, rule),
    GuardedRoute(SUMMIT_RULE, SummitAccessGuard),
    // The guard reads the id itself, so no handler declares it: the API document must, for generated clients.
    ApiParam({ name: param, required: true, description: `The id of the ${from}`, schema: { type: 'string', format: 'uuid' } }),
    ApiNotFoundResponse({ description: 'No such thing, or not one the caller may see' }),
    ...(level === 'host' ? [ApiForbiddenResponse({ description: 'Only the summit’s host side may do this' })] : []),
  );
}

function scopedAccess(ctx: ExecutionContext): ScopedAccess {
  const access = ctx.switchToHttp().getRequest<SummitScopedRequest>().summitAccess;
  if (!access) throw new Error('@CurrentSummit() and @ScopedResource() need @SummitAccess() on the route');
  return access;
}

/** The caller's context in the summit the route is about, built once by the guard. */
export const CurrentSummit = createParamDecorator((_data: unknown, ctx: ExecutionContext): SummitContext => scopedAccess(ctx).ctx);

/** The thing the route's id names (the session, the channel…), as the guard found it; null for a summit itself. */
export const ScopedResource = createParamDecorator((_data: unknown, ctx: ExecutionContext): unknown => scopedAccess(ctx).resource);
