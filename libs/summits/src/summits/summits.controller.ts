import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Permission, Principal, RequirePermissions } from '@plenary/identity';
import { CurrentSummit, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import {
  AddParticipantDto,
  OrganisationPersonDto,
  ParticipantDto,
  SetSummitMemberDto,
  SummitMemberDto,
  SummitPersonDto,
  UpdateParticipantDto,
} from '../participation/participation.dto';
import { ParticipationService } from '../participation/participation.service';
import { ChangeSummitStatusDto, CreateSummitDto, SummitDto, toSummitDto, UpdateSummitDto } from './summit.dto';
import { SummitsService } from './summits.service';

@ApiTags('summits')
@Controller('summits')
export class SummitsController {
  constructor(
    private readonly summits: SummitsService,
    private readonly participation: ParticipationService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [SummitDto] })
  async list(@CurrentUser() principal: Principal): Promise<SummitDto[]> {
    return (await this.summits.list(principal)).map((ctx) => toSummitDto(ctx.summit, ctx));
  }

  @Post()
  @RequirePermissions(Permission.SummitCreate)
  @ApiCreatedResponse({ type: SummitDto })
  async create(@Body() dto: CreateSummitDto): Promise<SummitDto> {
    return toSummitDto(await this.summits.create(dto), { role: null, isHost: true });
  }

  @Get(':id')
  @SummitAccess('read')
  @ApiOkResponse({ type: SummitDto })
  get(@CurrentSummit() ctx: SummitContext): SummitDto {
    return toSummitDto(ctx.summit, ctx);
  }

  @Patch(':id')
  @SummitAccess('host')
  @ApiOkResponse({ type: SummitDto })
  async update(@CurrentSummit() ctx: SummitContext, @Body() dto: UpdateSummitDto): Promise<SummitDto> {
    return toSummitDto((await this.summits.update(ctx, dto)).summit, ctx);
  }

  @Post(':id/status')
  @SummitAccess('host')
  @HttpCode(200)
  @ApiOkResponse({ type: SummitDto })
  async changeStatus(@CurrentSummit() ctx: SummitContext, @Body() dto: ChangeSummitStatusDto): Promise<SummitDto> {
    return toSummitDto((await this.summits.changeStatus(ctx, dto.status)).summit, ctx);
  }

  @Get(':id/participants')
  @SummitAccess('read')
  @ApiOkResponse({ type: [ParticipantDto] })
  participants(@CurrentSummit() ctx: SummitContext): Promise<ParticipantDto[]> {
    return this.participation.list(ctx);
  }

  @Post(':id/participants')
  @SummitAccess('host')
  @ApiCreatedResponse({ type: ParticipantDto })
  addParticipant(@CurrentSummit() ctx: SummitContext, @Body() dto: AddParticipantDto): Promise<ParticipantDto> {
    return this.participation.add(ctx, dto);
  }

  @Patch(':id/participants/:organisationId')
  @SummitAccess('host')
  @ApiOkResponse({ type: ParticipantDto })
  updateParticipant(
    @CurrentSummit() ctx: SummitContext,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() dto: UpdateParticipantDto,
  ): Promise<ParticipantDto> {
    return this.participation.update(ctx, organisationId, dto);
  }

  @Get(':id/participants/:organisationId/people')
  @SummitAccess('host')
  @ApiOkResponse({ type: [OrganisationPersonDto], description: 'The organisation’s people, for the host side naming its delegation' })
  organisationPeople(@CurrentSummit() ctx: SummitContext, @Param('organisationId', ParseUUIDPipe) organisationId: string): Promise<OrganisationPersonDto[]> {
    return this.participation.organisationPeople(ctx, organisationId);
  }

  @Get(':id/people')
  @SummitAccess('read')
  @ApiOkResponse({ type: [SummitPersonDto], description: 'Everyone taking part: the people named in the summit and the members of its delegations' })
  people(@CurrentSummit() ctx: SummitContext): Promise<SummitPersonDto[]> {
    return this.participation.people(ctx);
  }

  @Get(':id/members')
  @SummitAccess('read')
  @ApiOkResponse({ type: [SummitMemberDto], description: 'The people named in the summit; their addresses for the host side only' })
  members(@CurrentSummit() ctx: SummitContext): Promise<SummitMemberDto[]> {
    return this.participation.listMembers(ctx);
  }

  @Put(':id/members/:userId')
  @SummitAccess('host')
  @ApiOkResponse({ type: SummitMemberDto })
  setMember(@CurrentSummit() ctx: SummitContext, @Param('userId', ParseUUIDPipe) userId: string, @Body() dto: SetSummitMemberDto): Promise<SummitMemberDto> {
    return this.participation.setMember(ctx, userId, dto);
  }

  @Delete(':id/members/:userId')
  @SummitAccess('host')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeMember(@CurrentSummit() ctx: SummitContext, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.participation.removeMember(ctx, userId);
  }
}
