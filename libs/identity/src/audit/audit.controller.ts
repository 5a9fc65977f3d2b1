import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../permissions/access.decorator';
import { Permission } from '../permissions/permission';
import { AuditEventDto, AuditQueryDto, toAuditEventDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermissions(Permission.AuditRead)
  @ApiOkResponse({ type: [AuditEventDto] })
  async list(@Query() query: AuditQueryDto): Promise<AuditEventDto[]> {
    const events = await this.audit.list({ ...query, limit: query.limit ?? 50 });
    return events.map(toAuditEventDto);
  }
}
