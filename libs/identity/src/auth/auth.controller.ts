import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiRetryLaterResponse, DomainError, ErrorDto } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import type { Request, Response } from 'express';
import { Authenticated, Public } from '../permissions/access.decorator';
import { CurrentUser } from '../permissions/current-user.decorator';
import type { Principal } from '../permissions/principal';
import { toUserDto } from '../users/user.dto';
import { User } from '../users/user.entity';
import { AccessTokenDto, ChangePasswordDto, LoginDto, AuthSessionDto, RevokedSessionsDto, toAuthSessionDto } from './auth.dto';
import { AuthService, SignedIn } from './auth.service';
import { LocalAuthGuard } from './local-auth.guard';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';
import { ReqMeta, RequestMeta } from './request-meta.decorator';
import { SessionsService } from './sessions.service';
import { IdentityErrorCode } from '../identity.errors';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AccessTokenDto, description: 'Also sets the httpOnly refresh cookie' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED' })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'INVALID_CREDENTIALS' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'ACCOUNT_DISABLED' })
  @ApiRetryLaterResponse('TOO_MANY_ATTEMPTS: too many failed sign-ins; try again after `retryAfterSeconds`')
  async login(@Req() req: Request & { user: User }, @ReqMeta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AccessTokenDto> {
    return this.respond(await this.auth.signIn(req.user.id, meta), res);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto, description: 'Rotates the refresh cookie' })
  @ApiUnauthorizedResponse({ description: 'REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED or SESSION_REVOKED' })
  async refresh(@Req() req: Request, @ReqMeta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AccessTokenDto> {
    const token = readRefreshCookie(req);
    if (!token) throw new DomainError(IdentityErrorCode.RefreshTokenInvalid, 'Sign in again');
    try {
      return this.respond(await this.auth.refresh(token, meta), res);
    } catch (error) {
      clearRefreshCookie(res, this.config);
      throw error;
    }
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@CurrentUser() principal: Principal, @ReqMeta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(principal, meta.ip);
    clearRefreshCookie(res, this.config);
  }

  @Get('sessions')
  @Authenticated()
  @ApiOkResponse({ type: [AuthSessionDto] })
  async listSessions(@CurrentUser() principal: Principal): Promise<AuthSessionDto[]> {
    const sessions = await this.sessions.listActive(principal.userId);
    return sessions.map((s) => toAuthSessionDto(s, principal.sessionId));
  }

  @Post('sessions/revoke-others')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out of all other devices', description: 'Ends every session of the caller but the one making the request; their live connections close at once.' })
  @ApiOkResponse({ type: RevokedSessionsDto })
  async revokeOtherSessions(@CurrentUser() principal: Principal, @ReqMeta() meta: RequestMeta): Promise<RevokedSessionsDto> {
    return { revoked: await this.auth.revokeOtherSessions(principal, meta.ip) };
  }

  @Delete('sessions/:id')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  async revokeSession(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.auth.revokeSession(principal, id, meta.ip);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every other session ended' })
  async changePassword(@CurrentUser() principal: Principal, @Body() dto: ChangePasswordDto, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.auth.changePassword(principal, dto.currentPassword, dto.newPassword, meta.ip);
  }

  private respond(signedIn: SignedIn, res: Response): AccessTokenDto {
    setRefreshCookie(res, signedIn.refreshToken, this.config);
    return { accessToken: signedIn.accessToken, expiresIn: signedIn.expiresIn, user: toUserDto(signedIn.user) };
  }
}
