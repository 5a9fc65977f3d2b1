import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiForbiddenResponse, ApiGoneResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRetryLaterResponse, ErrorDto } from '@plenary/common';
import { ReqMeta, RequestMeta } from '../auth/request-meta.decorator';
import { Public } from '../permissions/access.decorator';
import { ConfirmPasswordResetDto, RequestPasswordResetDto } from './password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Forgot password: mail a reset link', description: 'The same answer whether or not the address has an account; if it has, a link valid for an hour is mailed in the account’s language.' })
  @ApiAcceptedResponse({ description: 'Whatever the address' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: not an e-mail address' })
  @ApiRetryLaterResponse('TOO_MANY_ATTEMPTS: too many requests for this address, or from this client address')
  async request(@Body() dto: RequestPasswordResetDto, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.resets.request(dto.email, meta);
  }

  @Post('confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose a new password with a mailed link', description: 'Ends every session of the account; sign in again with the new password.' })
  @ApiNoContentResponse({ description: 'Password changed; every session ended' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: a password shorter than 12 characters, or a malformed token' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'PASSWORD_RESET_INVALID: unknown, used or superseded link' })
  @ApiGoneResponse({ type: ErrorDto, description: 'PASSWORD_RESET_EXPIRED' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'ACCOUNT_DISABLED' })
  async confirm(@Body() dto: ConfirmPasswordResetDto, @ReqMeta() meta: RequestMeta): Promise<void> {
    await this.resets.confirm(dto.token, dto.newPassword, meta.ip);
  }
}
