import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { AccessChanges } from './access/access-changes';
import { AuditEvent } from './audit/audit-event.entity';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthSession } from './auth/auth-session.entity';
import { jwtKey } from './auth/jwt-key';
import { DirectoryService } from './directory/directory.service';
import { AuthController } from './auth/auth.controller';
import { AccessTokens } from './auth/access-tokens';
import { AuthService } from './auth/auth.service';
import { LocalStrategy } from './auth/local.strategy';
import { LoginAttemptStore } from './auth/login-attempt.store';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { MemoryLoginAttemptStore } from './auth/memory-login-attempt.store';
import { PasswordService } from './auth/password.service';
import { RedisLoginAttemptStore } from './auth/redis-login-attempt.store';
import { RefreshToken } from './auth/refresh-token.entity';
import { SessionsService } from './auth/sessions.service';
import { Invitation } from './invitations/invitation.entity';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationSummits } from './invitations/invitation-summits';
import { InvitationsService } from './invitations/invitations.service';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { PasswordResetLimiter } from './password-reset/password-reset-limiter';
import { PasswordResetToken } from './password-reset/password-reset-token.entity';
import { PasswordResetService } from './password-reset/password-reset.service';
import { Membership } from './organisations/membership.entity';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { JwtAuthGuard } from './permissions/jwt-auth.guard';
import { PermissionsGuard } from './permissions/permissions.guard';
import { FirstAdminService } from './setup/first-admin.service';
import { MeController } from './users/me.controller';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Organisation, Membership, Invitation, AuthSession, RefreshToken, PasswordResetToken, AuditEvent]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: jwtKey(config.auth.jwtSecret), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, PasswordResetController, MeController, UsersController, OrganisationsController, InvitationsController, AuditController],
  providers: [
    AccessChanges,
    PasswordService,
    {
      // One process keeps the sign-in windows in memory; with REDIS_URL every process shares them.
      provide: LoginAttemptStore,
      inject: [APP_CONFIG],
      useFactory: ({ realtime }: AppConfig): LoginAttemptStore =>
        realtime.redisUrl ? new RedisLoginAttemptStore(realtime.redisUrl, realtime.redisPrefix) : new MemoryLoginAttemptStore(),
    },
    LoginRateLimiter,
    SessionsService,
    AuditService,
    UsersService,
    OrganisationsService,
    DirectoryService,
    InvitationSummits,
    InvitationsService,
    PasswordResetLimiter,
    PasswordResetService,
    AuthService,
    LocalStrategy,
    AccessTokens,
    FirstAdminService,
    // Order matters: authenticate first, then check permissions. Default deny.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [
    AccessChanges,
    AuthService,
    UsersService,
    OrganisationsService,
    DirectoryService,
    InvitationSummits,
    InvitationsService,
    AuditService,
    PasswordService,
    FirstAdminService,
  ],
})
export class IdentityModule {}
