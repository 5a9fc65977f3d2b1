import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import type { Response } from 'express';
import { AccessTokenDto } from '../auth/auth.dto';
import { AuthService } from '../auth/auth.service';
import { setRefreshCookie } from '../auth/refresh-cookie';
import { ReqMeta, RequestMeta } from '../auth/request-meta.decorator';
import { Public, RequirePermissions } from '../permissions/access.decorator';
import { CurrentUser } from '../permissions/current-user.decorator';
import { Permission } from '../permissions/permission';
import type { Principal } from '../permissions/principal';
import { toUserDto } from '../users/user.dto';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  ListInvitationsQueryDto,
  toInvitationDto,
} from './invitation.dto';
import { InvitationsService } from './invitations.service';
import { IdentityErrorCode } from '../identity.errors';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @RequirePermissions(Permission.InvitationManage)
  @ApiCreatedResponse({ type: InvitationDto, description: 'The link is mailed to the invitee, never returned' })
  async create(@CurrentUser() actor: Principal, @Body() dto: CreateInvitationDto, @ReqMeta() meta: RequestMeta): Promise<InvitationDto> {
    return toInvitationDto((await this.invitations.invite(actor, dto, meta.ip)).invitation);
  }

  @Get()
  @RequirePermissions(Permission.InvitationManage)
  @ApiOkResponse({ type: [InvitationDto] })
  async list(@Query() query: ListInvitationsQueryDto): Promise<InvitationDto[]> {
    return (await this.invitations.list(query)).map(toInvitationDto);
  }

  @Delete(':id')
  @RequirePermissions(Permission.InvitationManage)
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(@CurrentUser() actor: Principal, @Param('id', ParseUUIDPipe) id: string, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.invitations.revoke(actor, id, meta.ip);
  }

  @Get('preview')
  @Public()
  @ApiQuery({ name: 'token', required: true })
  @ApiOkResponse({ type: InvitationPreviewDto })
  async preview(@Query('token') token: unknown): Promise<InvitationPreviewDto> {
    if (typeof token !== 'string' || token.length < 10 || token.length > 200) {
      throw new DomainError(IdentityErrorCode.InvitationNotFound, 'This link is not valid or has already been used');
    }
    return this.invitations.preview(token);
  }

  @Post('accept')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto, description: 'The person is signed in; sets the refresh cookie' })
  async accept(@Body() dto: AcceptInvitationDto, @ReqMeta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AccessTokenDto> {
    const userId = await this.invitations.accept(dto, meta.ip);
    const signedIn = await this.auth.signIn(userId, meta);
    setRefreshCookie(res, signedIn.refreshToken, this.config);
    return { accessToken: signedIn.accessToken, expiresIn: signedIn.expiresIn, user: toUserDto(signedIn.user) };
  }
}
