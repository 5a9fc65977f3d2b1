import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, IsQueryInt, Optional } from '@plenary/common';
import { IsEnum, IsUUID } from 'class-validator';
import { AuditEvent, AuditEventType } from './audit-event.entity';

export class AuditQueryDto {
  @ApiPropertyOptional({ enum: AuditEventType })
  @Optional()
  @IsEnum(AuditEventType)
  type?: AuditEventType;

  @ApiPropertyOptional()
  @Optional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Only events strictly before this time (ISO 8601), for paging' })
  @Optional()
  @IsInstant()
  before?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Optional()
  @IsQueryInt(1, 200)
  limit?: number;
}

export class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: AuditEventType }) type: AuditEventType;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) targetType: string | null;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String }) ipAddress: string | null;
  @ApiProperty({ nullable: true, type: Object }) details: Record<string, unknown> | null;
  @ApiProperty() createdAt: string;
}

export function toAuditEventDto(event: AuditEvent): AuditEventDto {
  return {
    id: event.id,
    type: event.type,
    actorId: event.actorId,
    targetType: event.targetType,
    targetId: event.targetId,
    ipAddress: event.ipAddress,
    details: event.details,
    createdAt: event.createdAt.toISOString(),
  };
}
