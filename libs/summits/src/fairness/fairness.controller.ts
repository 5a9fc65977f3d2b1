import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCode, IsBoundedInt, IsInstant, Optional } from '@plenary/common';
import { Matches } from 'class-validator';
import { CurrentSummit, SummitAccess } from '../access/summit-access.decorator';
import type { SummitContext } from '../access/summit-context';
import { ParticipationService } from '../participation/participation.service';
import { FairnessRequestError, proposeSlots, SlotProposal } from './fairness';
import { SlotProposalDto } from './fairness.dto';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class FairnessQueryDto {
  @ApiProperty({ example: 90 }) @IsBoundedInt(15, 720) durationMinutes: number;
  @ApiProperty({ example: '2026-05-14T00:00:00Z' }) @IsInstant() from: Date;
  @ApiProperty({ example: '2026-05-16T00:00:00Z' }) @IsInstant() to: Date;
  @ApiPropertyOptional({ default: 30 }) @Optional() @IsBoundedInt(5, 240) stepMinutes?: number;
  @ApiPropertyOptional({ default: '07:00' }) @Optional() @Matches(HH_MM) reasonableStart?: string;
  @ApiPropertyOptional({ default: '22:00' }) @Optional() @Matches(HH_MM) reasonableEnd?: string;
  @ApiPropertyOptional({ default: 10 }) @Optional() @IsBoundedInt(1, 50) limit?: number;
}

/** Proposes the hours of a meeting that are reasonable for the most confirmed delegations. */
@ApiTags('agenda')
@Controller('summits/:id/fairness')
export class FairnessController {
  constructor(private readonly participation: ParticipationService) {}

  @Post()
  @SummitAccess('host')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Proposals, best first', type: [SlotProposalDto] })
  async propose(@CurrentSummit() ctx: SummitContext, @Body() dto: FairnessQueryDto): Promise<SlotProposal[]> {
    const delegations = await this.participation.confirmedDelegations(ctx.summit.id);
    try {
      return proposeSlots({ ...dto, delegations });
    } catch (error) {
      if (error instanceof FairnessRequestError) throw new DomainError(ErrorCode.ValidationFailed, error.message);
      throw error;
    }
  }
}
