import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmailAddress, Optional } from '@plenary/common';
import { DelegationRole, INVITATION_FILTERS, InvitationDto, InvitationFilter, InvitationListDto, InvitationReaderDto } from '@plenary/identity';
import { IsEnum, IsIn, IsUUID } from 'class-validator';
import { SummitRole } from '../access/summit-member.entity';

/** The places in a delegation a summit's host side invites people to. */
export const SEAT_ROLES = [SummitRole.HeadOfDelegation, SummitRole.Delegate, SummitRole.Observer] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];

export class CreateSummitInvitationDto extends InvitationReaderDto {
  @ApiProperty({ example: 'sherpa@example.org', maxLength: 320 })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ format: 'uuid', description: 'The delegation: an organisation taking part in the summit (invited, confirmed or observer)' })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ enum: SEAT_ROLES, default: SummitRole.Delegate, description: 'The role accepting names the person in, in the summit' })
  @Optional()
  @IsIn(SEAT_ROLES)
  summitRole?: SeatRole;

  @ApiPropertyOptional({ enum: DelegationRole, default: DelegationRole.Delegate, description: 'The person’s role in the organisation, if they are not a member yet' })
  @Optional()
  @IsEnum(DelegationRole)
  delegationRole?: DelegationRole;
}

export class BulkSummitInvitationDto extends InvitationListDto {
  @ApiProperty({ format: 'uuid', description: 'The delegation of every person on the list' })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ enum: SEAT_ROLES, default: SummitRole.Delegate })
  @Optional()
  @IsIn(SEAT_ROLES)
  summitRole?: SeatRole;

  @ApiPropertyOptional({ enum: DelegationRole, default: DelegationRole.Delegate })
  @Optional()
  @IsEnum(DelegationRole)
  delegationRole?: DelegationRole;
}

export class ListSummitInvitationsQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_FILTERS, description: '`open`: who has not accepted yet (pending or expired)' })
  @Optional()
  @IsIn(INVITATION_FILTERS)
  status?: InvitationFilter;

  @ApiPropertyOptional({ format: 'uuid', description: 'One delegation’s invitations' })
  @Optional()
  @IsUUID()
  organisationId?: string;
}

/** An invitation to a summit's delegation. */
export class SummitInvitationDto extends InvitationDto {
  @ApiProperty({ enum: SEAT_ROLES, nullable: true, description: 'The role accepting names the person in' })
  override summitRole: SeatRole | null;
}
