import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReqMeta, RequestMeta } from '../auth/request-meta.decorator';
import { RequirePermissions } from '../permissions/access.decorator';
import { CurrentUser } from '../permissions/current-user.decorator';
import { Permission } from '../permissions/permission';
import type { Principal } from '../permissions/principal';
import { ListUsersQueryDto, UpdateUserDto, UserDto, toUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermissions(Permission.UserRead)
  @ApiOkResponse({ type: [UserDto] })
  async list(@Query() query: ListUsersQueryDto): Promise<UserDto[]> {
    return (await this.users.list(query)).map(toUserDto);
  }

  @Get(':id')
  @RequirePermissions(Permission.UserRead)
  @ApiOkResponse({ type: UserDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return toUserDto(await this.users.get(id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.UserManage)
  @ApiOkResponse({ type: UserDto })
  async update(
    @CurrentUser() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<UserDto> {
    return toUserDto(await this.users.adminUpdate(actor, id, dto, meta.ip));
  }
}
