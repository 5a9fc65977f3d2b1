import { ApiProperty } from '@nestjs/swagger';
import { IsEmailAddress, IsNewPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@plenary/common';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RequestPasswordResetDto {
  @ApiProperty({ example: 'delegate@example.org', maxLength: 320 })
  @IsEmailAddress()
  email: string;
}

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The token of the mailed link (`/reset-password?token=…`)', minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsNewPassword()
  newPassword: string;
}
