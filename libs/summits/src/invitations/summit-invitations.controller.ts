import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRetryLaterResponse, ErrorDto } from '@plenary/common';
import { INVITATION_LIST_LIMIT, InvitationListResultDto, ReqMeta, RequestMeta, toInvitationDto } from '@plenary/identity';
import { CurrentSummit, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import { BulkSummitInvitationDto, CreateSummitInvitationDto, ListSummitInvitationsQueryDto, SummitInvitationDto } from './summit-invitation.dto';
import { SummitInvitationsService } from './summit-invitations.service';

/** Host administrators invite people into the summit's delegations, the whole host side follows the invitations; accepting names the invitee there. */
@ApiTags('summits')
@Controller('summits')
export class SummitInvitationsController {
  constructor(private readonly invitations: SummitInvitationsService) {}

  @Post(':id/invitations')
  @SummitAccess('host')
  @ApiOperation({
    summary: 'Invite a person into a delegation of the summit',
    description: 'For host administrators (the rest of the host side gets 403). The link is mailed in the invitee’s language; accepting it names them in the summit with `summitRole`.',
  })
  @ApiCreatedResponse({ type: SummitInvitationDto, description: 'The link is mailed to the invitee, never returned' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED, also for an organisation that does not take part' })
  @ApiConflictResponse({ type: ErrorDto, description: 'CONFLICT: the person already has a place in the summit, or the summit is a draft or cancelled' })
  async create(@CurrentSummit() ctx: SummitContext, @Body() dto: CreateSummitInvitationDto, @ReqMeta() meta: RequestMeta): Promise<SummitInvitationDto> {
    return toInvitationDto(await this.invitations.invite(ctx, dto, meta.ip)) as SummitInvitationDto;
  }

  @Post(':id/invitations/bulk')
  @SummitAccess('host')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invite a pasted list into a delegation of the summit',
    description: `For host administrators (the rest of the host side gets 403). Up to ${INVITATION_LIST_LIMIT} addresses; says what became of each.`,
  })
  @ApiOkResponse({ type: InvitationListResultDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: `VALIDATION_FAILED: neither or both of csv and emails, no address, more than ${INVITATION_LIST_LIMIT}, or an organisation that does not take part` })
  @ApiConflictResponse({ type: ErrorDto, description: 'CONFLICT: the summit is a draft or cancelled' })
  bulk(@CurrentSummit() ctx: SummitContext, @Body() dto: BulkSummitInvitationDto, @ReqMeta() meta: RequestMeta): Promise<InvitationListResultDto> {
    return this.invitations.inviteList(ctx, dto, meta.ip);
  }

  @Get(':id/invitations')
  @SummitAccess('host')
  @ApiOperation({ summary: 'The summit’s invitations', description: 'With `status=open`: who has not accepted yet.' })
  @ApiOkResponse({ type: [SummitInvitationDto], description: 'Newest first, at most 500' })
  async list(@CurrentSummit() ctx: SummitContext, @Query() query: ListSummitInvitationsQueryDto): Promise<SummitInvitationDto[]> {
    return (await this.invitations.list(ctx, query)).map((i) => toInvitationDto(i) as SummitInvitationDto);
  }

  @Post(':id/invitations/:invitationId/resend')
  @SummitAccess('host')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mail an unanswered invitation again', description: 'With a new link (the previous one stops working), valid for a full period again.' })
  @ApiOkResponse({ type: SummitInvitationDto })
  @ApiRetryLaterResponse('INVITATION_RESEND_TOO_SOON: mailed recently; each resend waits twice as long as the one before (1 min, 2 min, 4 min…)')
  async resend(
    @CurrentSummit() ctx: SummitContext,
    @Param('invitationId', ParseUUIDPipe) invitationId: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<SummitInvitationDto> {
    return toInvitationDto(await this.invitations.resend(ctx, invitationId, meta.ip)) as SummitInvitationDto;
  }

  @Delete(':id/invitations/:invitationId')
  @SummitAccess('host')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an invitation that has not been accepted' })
  @ApiNoContentResponse()
  async revoke(@CurrentSummit() ctx: SummitContext, @Param('invitationId', ParseUUIDPipe) invitationId: string, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.invitations.revoke(ctx, invitationId, meta.ip);
  }
}
