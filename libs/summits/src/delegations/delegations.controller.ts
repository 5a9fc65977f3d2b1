import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentSummit, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import { DelegationsDto, DelegationsQueryDto } from './delegation.dto';
import { DelegationsService } from './delegations.service';

@ApiTags('summits')
@Controller('summits')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Get(':id/delegations')
  @SummitAccess('read')
  @ApiOperation({ summary: 'The summit’s people by delegation, with search and counts', description: 'E-mail addresses, their search, and open invitations for the host side only.' })
  @ApiOkResponse({ type: DelegationsDto })
  list(@CurrentSummit() ctx: SummitContext, @Query() query: DelegationsQueryDto): Promise<DelegationsDto> {
    return this.delegations.list(ctx, query.q);
  }
}
