import { CanActivate, SetMetadata, Type, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Permission } from './permission';

export const IS_PUBLIC_KEY = 'plenary:public';
export const PERMISSIONS_KEY = 'plenary:permissions';
export const AUTHENTICATED_KEY = 'plenary:authenticated';
export const GUARDED_ROUTE_KEY = 'plenary:guarded-route';

/** Opens a route to anonymous callers. Only login, refresh, the password reset, invitation preview and acceptance, /api/public and health use it. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Any signed-in user may call the route (for routes about the caller's own account). */
export const Authenticated = () =>
  applyDecorators(SetMetadata(AUTHENTICATED_KEY, true), ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Not signed in' }));

/** The caller's platform role must grant every listed permission. */
export const RequirePermissions = (...permissions: Permission[]) =>
  applyDecorators(
    SetMetadata(PERMISSIONS_KEY, permissions),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: 'Missing permission: ' + permissions.join(', ') }),
  );

/**
 * A rule kept by a lib above identity, which knows what the route is about
 * (summit access, for one): the caller must be signed in, and `guard`, put on
 * the route here so that it runs after the global guards, decides the rest.
 * `rule` names the kind of rule, for the route matrix. Libs wrap this in a
 * decorator of their own (`@SummitAccess()`); routes never use it directly.
 */
export const GuardedRoute = (rule: string, guard: Type<CanActivate>) =>
  applyDecorators(SetMetadata(GUARDED_ROUTE_KEY, rule), UseGuards(guard), ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Not signed in' }));
