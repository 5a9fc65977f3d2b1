import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Permission, Principal, RequirePermissions } from '@plenary/identity';
import { SummitAccessService } from '../access/summit-access.service';
import {
  AddParticipantDto,
  OrganisationPersonDto, SummitPersonDto,
  ParticipantDto,
  SetSummitMemberDto,
  SummitMemberDto,
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
    private readonly access: SummitAccessService,
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
  @Authenticated()
  @ApiOkResponse({ type: SummitDto })
  async get(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SummitDto> {
    const ctx = await this.access.read(principal, id);
    return toSummitDto(ctx.summit, ctx);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOkResponse({ type: SummitDto })
  async update(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSummitDto): Promise<SummitDto> {
    const ctx = await this.summits.update(principal, id, dto);
    return toSummitDto(ctx.summit, ctx);
  }

  @Post(':id/status')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: SummitDto })
  async changeStatus(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ChangeSummitStatusDto): Promise<SummitDto> {
    const ctx = await this.summits.changeStatus(principal, id, dto.status);
    return toSummitDto(ctx.summit, ctx);
  }

  @Get(':id/participants')
  @Authenticated()
  @ApiOkResponse({ type: [ParticipantDto] })
  participants(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ParticipantDto[]> {
    return this.participation.list(principal, id);
  }

  @Post(':id/participants')
  @Authenticated()
  @ApiCreatedResponse({ type: ParticipantDto })
  addParticipant(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddParticipantDto): Promise<ParticipantDto> {
    return this.participation.add(principal, id, dto);
  }

  @Patch(':id/participants/:organisationId')
  @Authenticated()
  @ApiOkResponse({ type: ParticipantDto })
  updateParticipant(
    @CurrentUser() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() dto: UpdateParticipantDto,
  ): Promise<ParticipantDto> {
    return this.participation.update(principal, id, organisationId, dto);
  }

  @Get(':id/participants/:organisationId/people')
  @Authenticated()
  @ApiOkResponse({ type: [OrganisationPersonDto], description: 'The organisation’s people, for the host side naming its delegation' })
  organisationPeople(
    @CurrentUser() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
  ): Promise<OrganisationPersonDto[]> {
    return this.participation.organisationPeople(principal, id, organisationId);
  }

  @Get(':id/people')
  @Authenticated()
  @ApiOkResponse({ type: [SummitPersonDto], description: 'Everyone taking part: the people named in the summit and the members of its delegations' })
  people(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SummitPersonDto[]> {
    return this.participation.people(principal, id);
  }

  @Get(':id/members')
  @Authenticated()
  @ApiOkResponse({ type: [SummitMemberDto] })
  members(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SummitMemberDto[]> {
    return this.participation.listMembers(principal, id);
  }

  @Put(':id/members/:userId')
  @Authenticated()
  @ApiOkResponse({ type: SummitMemberDto })
  setMember(
    @CurrentUser() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: SetSummitMemberDto,
  ): Promise<SummitMemberDto> {
    return this.participation.setMember(principal, id, userId, dto);
  }

  @Delete(':id/members/:userId')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeMember(@CurrentUser() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.participation.removeMember(principal, id, userId);
  }
}
