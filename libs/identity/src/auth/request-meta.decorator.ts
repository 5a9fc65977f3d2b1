import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

export function requestMeta(req: Request): RequestMeta {
  const userAgent = req.headers['user-agent'];
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: userAgent ? userAgent.slice(0, 512) : null };
}

/** The caller's address (honouring TRUST_PROXY) and user agent. */
export const ReqMeta = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestMeta => {
  return requestMeta(ctx.switchToHttp().getRequest<Request>());
});
