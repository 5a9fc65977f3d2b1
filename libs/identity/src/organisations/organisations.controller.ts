import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReqMeta, RequestMeta } from '../auth/request-meta.decorator';
import { RequirePermissions } from '../permissions/access.decorator';
import { CurrentUser } from '../permissions/current-user.decorator';
import { Permission } from '../permissions/permission';
import type { Principal } from '../permissions/principal';
import {
  CreateOrganisationDto,
  ListOrganisationsQueryDto,
  MemberDto,
  OrganisationDto,
  UpdateOrganisationDto,
  toMemberDto,
  toOrganisationDto,
} from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @RequirePermissions(Permission.OrganisationRead)
  @ApiOkResponse({ type: [OrganisationDto] })
  async list(@Query() query: ListOrganisationsQueryDto): Promise<OrganisationDto[]> {
    return (await this.organisations.list(query)).map(toOrganisationDto);
  }

  @Post()
  @RequirePermissions(Permission.OrganisationManage)
  @ApiCreatedResponse({ type: OrganisationDto })
  async create(@CurrentUser() actor: Principal, @Body() dto: CreateOrganisationDto, @ReqMeta() meta: RequestMeta): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.create(actor, dto, meta.ip));
  }

  @Get(':id')
  @RequirePermissions(Permission.OrganisationRead)
  @ApiOkResponse({ type: OrganisationDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.get(id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.OrganisationManage)
  @ApiOkResponse({ type: OrganisationDto })
  async update(
    @CurrentUser() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.update(actor, id, dto, meta.ip));
  }

  @Delete(':id')
  @RequirePermissions(Permission.OrganisationManage)
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUser() actor: Principal, @Param('id', ParseUUIDPipe) id: string, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.organisations.remove(actor, id, meta.ip);
  }

  @Get(':id/members')
  @RequirePermissions(Permission.UserRead)
  @ApiOkResponse({ type: [MemberDto] })
  async members(@Param('id', ParseUUIDPipe) id: string): Promise<MemberDto[]> {
    return (await this.organisations.members(id)).map(toMemberDto);
  }

  @Delete(':id/members/:userId')
  @RequirePermissions(Permission.UserManage)
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeMember(
    @CurrentUser() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    await this.organisations.removeMember(actor, id, userId, meta.ip);
  }
}
