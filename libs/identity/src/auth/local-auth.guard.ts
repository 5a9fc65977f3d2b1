import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, ErrorCode } from '@plenary/common';
import type { Request } from 'express';
import { LoginDto } from './auth.dto';
import { IdentityErrorCode } from '../identity.errors';

/** Validates the login body first (guards run before pipes), then runs the local strategy. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const message = errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ');
      throw new DomainError(ErrorCode.ValidationFailed, message || 'Invalid sign-in request');
    }
    req.body = dto;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new DomainError(IdentityErrorCode.InvalidCredentials, 'Wrong e-mail address or password');
    return user;
  }
}
