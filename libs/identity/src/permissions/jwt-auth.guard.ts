import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@plenary/common';
import { AuthService } from '../auth/auth.service';
import { IS_PUBLIC_KEY } from './access.decorator';
import type { Principal } from './principal';

interface AuthenticatedRequest {
  headers: { authorization?: string | string[] };
  user?: Principal;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Global guard: every route needs a valid access token (`Authorization:
 * Bearer …`) of an active session unless marked @Public(). The caller is
 * put on the request as `user`.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
    req.user = await this.auth.principalFromToken(token);
    return true;
  }
}
