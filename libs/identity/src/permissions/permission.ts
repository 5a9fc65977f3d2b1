/** Platform-wide roles. Per-summit roles (chair, delegate, …) add to these where a summit is concerned. */
export enum PlatformRole {
  HostAdmin = 'host_admin',
  Secretariat = 'secretariat',
  Participant = 'participant',
}

export const PLATFORM_ROLES = Object.values(PlatformRole);

const RANK: Record<PlatformRole, number> = { [PlatformRole.Participant]: 0, [PlatformRole.Secretariat]: 1, [PlatformRole.HostAdmin]: 2 };

/** Whether `role` grants more than `other`. */
export function outranks(role: PlatformRole, other: PlatformRole): boolean {
  return RANK[role] > RANK[other];
}

export enum Permission {
  OrganisationRead = 'organisation.read',
  OrganisationManage = 'organisation.manage',
  UserRead = 'user.read',
  UserManage = 'user.manage',
  InvitationManage = 'invitation.manage',
  AuditRead = 'audit.read',
  SummitCreate = 'summit.create',
  /** Read every summit, including private ones the caller takes no part in. */
  SummitReadAll = 'summit.read_all',
  /** Edit every summit, as its host side would. */
  SummitManageAll = 'summit.manage_all',
}

/** The one map from platform role to what it may do. */
export const ROLE_PERMISSIONS: Record<PlatformRole, readonly Permission[]> = {
  [PlatformRole.HostAdmin]: Object.values(Permission),
  [PlatformRole.Secretariat]: [Permission.OrganisationRead, Permission.UserRead, Permission.SummitReadAll],
  [PlatformRole.Participant]: [Permission.OrganisationRead],
};

export function roleHasPermission(role: PlatformRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}
