import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { DomainError, ErrorCode } from '@plenary/common';
import { Authenticated, GuardedRoute, Public, RequirePermissions } from './access.decorator';
import { Permission, PlatformRole } from './permission';
import { PermissionsGuard } from './permissions.guard';
import type { Principal } from './principal';

/** Stands in for the guard a lib above identity puts beside its rule. */
class SummitProbeGuard {
  canActivate() {
    return false;
  }
}

class ProbeController {
  @Public()
  health() {}

  @GuardedRoute('summit', SummitProbeGuard)
  summitRoute() {}

  @Authenticated()
  me() {}

  @RequirePermissions(Permission.UserManage)
  disableUser() {}

  @RequirePermissions(Permission.OrganisationRead, Permission.UserRead)
  listMembers() {}

  undeclared() {}
}

@RequirePermissions(Permission.AuditRead)
class ClassRuleController {
  list() {}

  @Public()
  publicStatus() {}

  @RequirePermissions(Permission.OrganisationRead)
  organisations() {}
}

function principal(platformRole: PlatformRole): Principal {
  return { userId: 'user-1', sessionId: 'session-1', email: 'someone@plenary.test', platformRole };
}

function contextFor(controller: new () => object, handler: (...args: never[]) => unknown, user?: Principal): ExecutionContextHost {
  return new ExecutionContextHost([{ user }], controller as never, handler);
}

/** The error a synchronous call throws, so its code can be checked. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe(PermissionsGuard.name, () => {
  let sut: PermissionsGuard;
  const probe = ProbeController.prototype;
  const classRule = ClassRuleController.prototype;

  beforeEach(() => {
    sut = new PermissionsGuard(new Reflector());
  });

  it('lets anyone call a public route, even without a user', () => {
    expect(sut.canActivate(contextFor(ProbeController, probe.health))).toBe(true);
  });

  it('refuses a caller without a user as unauthenticated', () => {
    const error = thrownBy(() => sut.canActivate(contextFor(ProbeController, probe.me)));

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.Unauthenticated });
  });

  it('lets any signed-in user call an @Authenticated route', () => {
    expect(sut.canActivate(contextFor(ProbeController, probe.me, principal(PlatformRole.Participant)))).toBe(true);
  });

  it('refuses a participant a permission their role lacks', () => {
    const error = thrownBy(() => sut.canActivate(contextFor(ProbeController, probe.disableUser, principal(PlatformRole.Participant))));

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('lets a host administrator through', () => {
    expect(sut.canActivate(contextFor(ProbeController, probe.disableUser, principal(PlatformRole.HostAdmin)))).toBe(true);
  });

  it('requires every listed permission, not just one', () => {
    expect(sut.canActivate(contextFor(ProbeController, probe.listMembers, principal(PlatformRole.Secretariat)))).toBe(true);
    expect(thrownBy(() => sut.canActivate(contextFor(ProbeController, probe.listMembers, principal(PlatformRole.Participant))))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
  });

  it('leaves a route guarded by its own rule to that guard, once the caller is signed in', () => {
    expect(sut.canActivate(contextFor(ProbeController, probe.summitRoute, principal(PlatformRole.Participant)))).toBe(true);
    expect(thrownBy(() => sut.canActivate(contextFor(ProbeController, probe.summitRoute)))).toMatchObject({ code: ErrorCode.Unauthenticated });
  });

  it('refuses a route that declares no access rule, even to a host administrator', () => {
    const error = thrownBy(() => sut.canActivate(contextFor(ProbeController, probe.undeclared, principal(PlatformRole.HostAdmin))));

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('applies a rule declared on the controller to its undecorated handlers', () => {
    expect(thrownBy(() => sut.canActivate(contextFor(ClassRuleController, classRule.list, principal(PlatformRole.Secretariat))))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    expect(sut.canActivate(contextFor(ClassRuleController, classRule.list, principal(PlatformRole.HostAdmin)))).toBe(true);
  });

  it('lets a handler rule override the controller rule', () => {
    expect(sut.canActivate(contextFor(ClassRuleController, classRule.publicStatus))).toBe(true);
    expect(sut.canActivate(contextFor(ClassRuleController, classRule.organisations, principal(PlatformRole.Participant)))).toBe(true);
  });
});
