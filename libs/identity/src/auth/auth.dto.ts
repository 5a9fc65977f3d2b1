import { ApiProperty } from '@nestjs/swagger';
import { IsEmailAddress, IsNewPassword } from '@plenary/common';
import { IsString, MaxLength } from 'class-validator';
import { UserDto } from '../users/user.dto';
import { AuthSession } from './auth-session.entity';

export class LoginDto {
  @ApiProperty({ example: 'delegate@example.org' })
  @IsEmailAddress()
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ minLength: 12 })
  @IsNewPassword()
  newPassword: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header; keep it in memory' }) accessToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: UserDto }) user: UserDto;
}

export class AuthSessionDto {
  @ApiProperty() id: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() lastUsedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ nullable: true, type: String }) ipAddress: string | null;
  @ApiProperty({ description: 'The session making this request' }) current: boolean;
}

export class RevokedSessionsDto {
  @ApiProperty({ type: 'integer', description: 'How many other sessions were ended', minimum: 0 }) revoked: number;
}

export function toAuthSessionDto(session: AuthSession, currentSessionId: string): AuthSessionDto {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    userAgent: session.userAgent,
    ipAddress: session.ipAddress,
    current: session.id === currentSessionId,
  };
}
