import { ApiProperty } from '@nestjs/swagger';
import type { LocalTime, SlotProposal } from './fairness';

/** One delegation's wall-clock view of a proposed slot. */
export class DelegationLocalTimeDto implements LocalTime {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone: string;
  @ApiProperty({ example: '2026-05-14T09:00', description: 'Local wall-clock start, YYYY-MM-DDTHH:mm' }) localStart: string;
  @ApiProperty({ example: '2026-05-14T10:30' }) localEnd: string;
  @ApiProperty() reasonable: boolean;
  @ApiProperty({ description: 'Minutes of the meeting outside the reasonable window, 0 if reasonable' }) minutesOutside: number;
}

/** A proposed meeting slot, ranked by how many delegations find it reasonable. */
export class SlotProposalDto implements SlotProposal {
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() reasonableCount: number;
  @ApiProperty({ description: 'Summed over delegations, so a zone shared by three delegations counts three times' }) totalMinutesOutside: number;
  @ApiProperty({ type: [DelegationLocalTimeDto], description: 'The delegations outside their window, in request order' }) unreasonable: DelegationLocalTimeDto[];
  @ApiProperty({ type: [DelegationLocalTimeDto], description: 'Every delegation, in request order' }) local: DelegationLocalTimeDto[];
}
