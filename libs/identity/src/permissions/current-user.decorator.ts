import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Principal } from './principal';

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
