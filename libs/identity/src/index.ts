// Identity owns users, organisations, memberships, platform roles,
// invitations, sign-in sessions, password resets, the audit log, and the
// guards and decorators that authorise every route.
export * from './identity.module';
export * from './access/access-changes';
export * from './permissions/permission';
export * from './permissions/principal';
export * from './permissions/access.decorator';
export * from './permissions/current-user.decorator';
export * from './auth/auth.service';
export * from './auth/password.service';
export * from './auth/request-meta.decorator';
export * from './audit/audit-event.entity';
export * from './audit/audit.service';
export * from './users/user.entity';
export * from './users/user.dto';
export * from './users/users.service';
export * from './organisations/organisation.entity';
export * from './organisations/membership.entity';
export * from './organisations/organisations.service';
export * from './directory/directory.service';
export * from './invitations/invitation.entity';
export * from './invitations/invitations.service';
export * from './invitations/invitation-summits';
export * from './invitations/invitation.dto';
export * from './invitations/invitation-mails';
export * from './invitations/invitation-list';
export * from './password-reset/password-reset-token.entity';
export * from './setup/first-admin.service';
export * from './identity.errors';
