import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@plenary/common';
import type { AccessTokenPayload, AuthService } from '../auth/auth.service';
import { AccessTokens } from '../auth/access-tokens';
import { testConfig } from '../testing/identity.factories';
import { Authenticated, Public } from './access.decorator';
import { PlatformRole } from './permission';
import type { Principal } from './principal';
import { JwtAuthGuard } from './jwt-auth.guard';
import { IdentityErrorCode } from '../identity.errors';

class ProbeController {
  @Public()
  health() {}

  @Authenticated()
  me() {}
}

@Public()
class PublicController {
  status() {}
}

const PRINCIPAL: Principal = { userId: 'user-1', sessionId: 'session-1', email: 'ada@plenary.test', platformRole: PlatformRole.Participant };

/** Stands in for AuthService's session lookup, with the real token verification: only session-1 of user-1 is live. */
function sessionLookup(tokens: AccessTokens): AuthService {
  return {
    async principalFromToken(token: string): Promise<Principal> {
      const payload: AccessTokenPayload = tokens.verify(token);
      if (payload.sub === PRINCIPAL.userId && payload.sid === PRINCIPAL.sessionId) return PRINCIPAL;
      throw new DomainError(IdentityErrorCode.SessionRevoked, 'This session has ended; sign in again');
    },
  } as unknown as AuthService;
}

interface ProbeRequest {
  headers: Record<string, string>;
  user?: Principal;
}

function requestWith(accessToken?: string): ProbeRequest {
  return { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} };
}

function contextFor(controller: new () => object, handler: (...args: never[]) => unknown, req: ProbeRequest): ExecutionContextHost {
  return new ExecutionContextHost([req, {}], controller as never, handler);
}

function domainError(code: ErrorCode) {
  return expect.objectContaining({ name: DomainError.name, code });
}

describe(JwtAuthGuard.name, () => {
  const config = testConfig();
  const jwt = new JwtService({ secret: config.auth.jwtSecret, signOptions: { algorithm: 'HS256' } });
  let sut: JwtAuthGuard;

  beforeEach(() => {
    sut = new JwtAuthGuard(new Reflector(), sessionLookup(new AccessTokens(jwt)));
  });

  function activate(context: ExecutionContextHost): Promise<boolean> {
    return Promise.resolve(sut.canActivate(context) as boolean | Promise<boolean>);
  }

  it('lets a @Public route through without a token', async () => {
    await expect(activate(contextFor(ProbeController, ProbeController.prototype.health, requestWith()))).resolves.toBe(true);
  });

  it('lets a @Public route through even with a token it cannot verify', async () => {
    const req = requestWith('not.a.jwt');

    await expect(activate(contextFor(ProbeController, ProbeController.prototype.health, req))).resolves.toBe(true);
    expect(req.user).toBeUndefined();
  });

  it('treats every handler of a @Public controller as public', async () => {
    await expect(activate(contextFor(PublicController, PublicController.prototype.status, requestWith()))).resolves.toBe(true);
  });

  it('refuses a protected route without a token as unauthenticated', async () => {
    await expect(activate(contextFor(ProbeController, ProbeController.prototype.me, requestWith()))).rejects.toEqual(
      domainError(ErrorCode.Unauthenticated),
    );
  });

  it('refuses a token signed with another secret', async () => {
    const forged = new JwtService({ secret: 'another-secret-another-secret-another-secret' }).sign({ sub: PRINCIPAL.userId, sid: PRINCIPAL.sessionId });

    await expect(activate(contextFor(ProbeController, ProbeController.prototype.me, requestWith(forged)))).rejects.toEqual(
      domainError(ErrorCode.Unauthenticated),
    );
  });

  it('refuses an expired token', async () => {
    const expired = jwt.sign({ sub: PRINCIPAL.userId, sid: PRINCIPAL.sessionId, exp: Math.floor(Date.now() / 1000) - 60 });

    await expect(activate(contextFor(ProbeController, ProbeController.prototype.me, requestWith(expired)))).rejects.toEqual(
      domainError(ErrorCode.Unauthenticated),
    );
  });

  it('refuses an Authorization header of another scheme', async () => {
    const req = { headers: { authorization: `Basic ${jwt.sign({ sub: PRINCIPAL.userId, sid: PRINCIPAL.sessionId })}` } };

    await expect(activate(contextFor(ProbeController, ProbeController.prototype.me, req))).rejects.toEqual(domainError(ErrorCode.Unauthenticated));
  });

  it('attaches the principal of a valid token to the request', async () => {
    const req = requestWith(jwt.sign({ sub: PRINCIPAL.userId, sid: PRINCIPAL.sessionId }));

    await expect(activate(contextFor(ProbeController, ProbeController.prototype.me, req))).resolves.toBe(true);
    expect(req.user).toEqual(PRINCIPAL);
  });

  it('passes on the error of a token whose session has ended', async () => {
    const token = jwt.sign({ sub: PRINCIPAL.userId, sid: 'session-ended' });

    await expect(activate(contextFor(ProbeController, ProbeController.prototype.me, requestWith(token)))).rejects.toEqual(
      domainError(IdentityErrorCode.SessionRevoked),
    );
  });
});
