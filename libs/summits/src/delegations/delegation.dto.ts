import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DelegationRole } from '@plenary/identity';
import { Transform } from 'class-transformer';
import { IsSingleLine, Optional } from '@plenary/common';
import { SummitRole } from '../access/summit-member.entity';
import { ParticipantDto } from '../participation/participation.dto';

export class DelegationsQueryDto {
  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Words that must all appear in a person’s name or their delegation’s name (and, for the host side, their address); case and accents ignored',
    example: 'nouvelle zélande',
  })
  @Optional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsSingleLine(100)
  q?: string;
}

export class DelegationPersonDto {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ description: 'For the host side only' }) email?: string;
  @ApiProperty({ enum: DelegationRole, nullable: true, description: 'Their role in the organisation; null outside any delegation' }) delegationRole: DelegationRole | null;
  @ApiProperty({ enum: SummitRole, nullable: true, description: 'Their role in the summit, where it applies to this delegation' }) summitRole: SummitRole | null;
  @ApiProperty({ description: 'May act on behalf of the delegation’s leader' }) isProxy: boolean;
}

export class DelegationGroupDto {
  @ApiProperty({ type: ParticipantDto, nullable: true, description: 'The delegation; null for the people named in the summit outside any delegation (a co-chair, interpreters)' })
  organisation: ParticipantDto | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'People shown, those matching the search' }) count: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'People in the delegation, search or not' }) total: number;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, description: 'Invitations to this delegation not accepted yet; for the host side only, else null' })
  openInvitations: number | null;
  @ApiProperty({ type: [DelegationPersonDto], description: 'Named roles first (head of delegation, delegate, observer…), then by name' }) people: DelegationPersonDto[];
}

export class DelegationsDto {
  @ApiProperty({ nullable: true, type: String }) query: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Different people shown' }) count: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Different people taking part' }) total: number;
  @ApiProperty({ type: [DelegationGroupDto], description: 'The delegations taking part, in the order of the participants list; without a search every one, with a search those with someone matching' })
  groups: DelegationGroupDto[];
}
