import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@plenary/common';
import { AUTHENTICATED_KEY, GUARDED_ROUTE_KEY, IS_PUBLIC_KEY, PERMISSIONS_KEY } from './access.decorator';
import { Permission, roleHasPermission } from './permission';
import type { Principal } from './principal';

/**
 * Global guard after authentication. Default deny: a route that declares
 * neither @Public(), @Authenticated(), @RequirePermissions() nor a rule kept
 * by its own guard (`GuardedRoute`, such as `@SummitAccess()`) is refused.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS_KEY, targets);
    if (required) {
      const missing = required.filter((p) => !roleHasPermission(principal.platformRole, p));
      if (missing.length > 0) throw new DomainError(ErrorCode.Forbidden, 'You do not have permission to do this');
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_KEY, targets)) return true;
    // The route's own guard, which GuardedRoute always puts beside the rule, runs next and decides.
    if (this.reflector.getAllAndOverride<string>(GUARDED_ROUTE_KEY, targets)) return true;
    throw new DomainError(ErrorCode.Forbidden, 'This route declares no access rule');
  }
}
