import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@plenary/common';
import type { Principal } from '@plenary/identity';
import { isUUID } from 'class-validator';
import { SummitAccessService } from './summit-access.service';
import type { ScopedAccess, SummitAccessLevel } from './summit-context';

export const SUMMIT_ACCESS_KEY = 'plenary:summit-access';

/** What `@SummitAccess()` declares: the level asked for, the kind of thing the route's id names, and which route parameter holds it. */
export interface SummitAccessRule {
  level: SummitAccessLevel;
  from: string;
  param: string;
}

/** The request as the guard leaves it for the handler. */
export interface SummitScopedRequest {
  user?: Principal;
  params: Record<string, string | undefined>;
  summitAccess?: ScopedAccess;
}

/**
 * Runs after the global guards on every route declaring `@SummitAccess()`:
 * finds the summit from the route's id, builds the caller's context in it
 * once and leaves it on the request for `@CurrentSummit()`. A route cannot
 * forget it: the decorator that declares the rule is the one that puts it
 * there.
 */
@Injectable()
export class SummitAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: SummitAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<SummitAccessRule | undefined>(SUMMIT_ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) throw new Error(`${context.getClass().name}.${context.getHandler().name} is guarded by summit access without declaring it`);
    const req = context.switchToHttp().getRequest<SummitScopedRequest>();
    if (!req.user) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
    const id = req.params[rule.param];
    if (typeof id !== 'string' || !isUUID(id)) throw new DomainError(ErrorCode.ValidationFailed, `${rule.param} must be a UUID`);
    req.summitAccess = await this.access.admit(req.user, rule.from, id, rule.level);
    return true;
  }
}
