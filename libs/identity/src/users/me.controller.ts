import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../permissions/access.decorator';
import { CurrentUser } from '../permissions/current-user.decorator';
import type { Principal } from '../permissions/principal';
import { UpdateProfileDto, UserDto, toUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('account')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: UserDto })
  async get(@CurrentUser() principal: Principal): Promise<UserDto> {
    return toUserDto(await this.users.get(principal.userId));
  }

  @Patch()
  @Authenticated()
  @ApiOkResponse({ type: UserDto })
  async update(@CurrentUser() principal: Principal, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    await this.users.updateProfile(principal.userId, dto);
    return toUserDto(await this.users.get(principal.userId));
  }
}
