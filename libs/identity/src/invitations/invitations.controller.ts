import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiRetryLaterResponse, DomainError, ErrorDto } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import type { Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { setRefreshCookie } from '../auth/refresh-cookie';
import { ReqMeta, RequestMeta } from '../auth/request-meta.decorator';
import { Public, RequirePermissions } from '../permissions/access.decorator';
import { CurrentUser } from '../permissions/current-user.decorator';
import { Permission } from '../permissions/permission';
import type { Principal } from '../permissions/principal';
import { toUserDto } from '../users/user.dto';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  BulkInvitationDto,
  CreateInvitationDto,
  InvitationDto,
  InvitationListResultDto,
  InvitationPreviewDto,
  ListInvitationsQueryDto,
  toInvitationDto,
} from './invitation.dto';
import { INVITATION_LIST_LIMIT } from './invitation-list';
import { InvitationsService } from './invitations.service';
import { IdentityErrorCode } from '../identity.errors';

/** Invitations into organisations, for host administrators; a summit's host side has its own under /summits/:id/invitations. */
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
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'ORGANISATION_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorDto, description: 'CONFLICT: already a member of the organisation' })
  async create(@CurrentUser() actor: Principal, @Body() dto: CreateInvitationDto, @ReqMeta() meta: RequestMeta): Promise<InvitationDto> {
    return toInvitationDto((await this.invitations.invite(actor, dto, meta.ip)).invitation);
  }

  @Post('bulk')
  @RequirePermissions(Permission.InvitationManage)
  @HttpCode(200)
  @ApiOperation({ summary: 'Invite a pasted list', description: `Up to ${INVITATION_LIST_LIMIT} addresses, all into one organisation with one role; says what became of each.` })
  @ApiOkResponse({ type: InvitationListResultDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: `VALIDATION_FAILED: neither or both of csv and emails, no address, or more than ${INVITATION_LIST_LIMIT}` })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'ORGANISATION_NOT_FOUND' })
  bulk(@CurrentUser() actor: Principal, @Body() dto: BulkInvitationDto, @ReqMeta() meta: RequestMeta): Promise<InvitationListResultDto> {
    const { csv, emails, ...place } = dto;
    return this.invitations.inviteList(actor, place, { csv, emails }, meta.ip);
  }

  @Get()
  @RequirePermissions(Permission.InvitationManage)
  @ApiOkResponse({ type: [InvitationDto], description: 'Newest first, at most 500' })
  async list(@Query() query: ListInvitationsQueryDto): Promise<InvitationDto[]> {
    return (await this.invitations.list(query)).map(toInvitationDto);
  }

  @Post(':id/resend')
  @RequirePermissions(Permission.InvitationManage)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mail an unanswered invitation again', description: 'With a new link (the previous one stops working), valid for a full period again.' })
  @ApiOkResponse({ type: InvitationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'INVITATION_NOT_FOUND: no such invitation, or accepted or revoked' })
  @ApiRetryLaterResponse('INVITATION_RESEND_TOO_SOON: mailed recently; each resend waits twice as long as the one before (1 min, 2 min, 4 min…)')
  async resend(@CurrentUser() actor: Principal, @Param('id', ParseUUIDPipe) id: string, @ReqMeta() meta: RequestMeta): Promise<InvitationDto> {
    return toInvitationDto((await this.invitations.resend(actor, id, meta.ip)).invitation);
  }

  @Delete(':id')
  @RequirePermissions(Permission.InvitationManage)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'INVITATION_NOT_FOUND' })
  async revoke(@CurrentUser() actor: Principal, @Param('id', ParseUUIDPipe) id: string, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.invitations.revoke(actor, id, meta.ip);
  }

  @Get('preview')
  @Public()
  @ApiQuery({ name: 'token', required: true, type: String, description: 'The token of the invitation link' })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'INVITATION_NOT_FOUND' })
  @ApiGoneResponse({ type: ErrorDto, description: 'INVITATION_EXPIRED' })
  async preview(@Query('token') token: unknown): Promise<InvitationPreviewDto> {
    if (typeof token !== 'string' || token.length < 10 || token.length > 200) {
      throw new DomainError(IdentityErrorCode.InvitationNotFound, 'This link is not valid or has already been used');
    }
    return this.invitations.preview(token);
  }

  @Post('accept')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedInvitationDto, description: 'The person is signed in (sets the refresh cookie); `landing` says where to take them' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED' })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'INVALID_CREDENTIALS: the password of the existing account is wrong' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'INVITATION_NOT_FOUND' })
  @ApiGoneResponse({ type: ErrorDto, description: 'INVITATION_EXPIRED' })
  @ApiRetryLaterResponse('TOO_MANY_ATTEMPTS: too many wrong passwords for the existing account')
  async accept(@Body() dto: AcceptInvitationDto, @ReqMeta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AcceptedInvitationDto> {
    const { userId, landing } = await this.invitations.accept(dto, meta.ip);
    const signedIn = await this.auth.signIn(userId, meta);
    setRefreshCookie(res, signedIn.refreshToken, this.config);
    return { accessToken: signedIn.accessToken, expiresIn: signedIn.expiresIn, user: toUserDto(signedIn.user), landing };
  }
}
