import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoundedInt, IsName, Optional } from '@plenary/common';
import { SummitRoom } from './room.entity';

export class CreateRoomDto {
  @ApiProperty({ example: 'Salle des fêtes' }) @IsName(100) name: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The name in French' }) @Optional({ nullable: true }) @IsName(100) nameFr?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Seats, if known' }) @Optional({ nullable: true }) @IsBoundedInt(1, 100_000) capacity?: number | null;
}

export class UpdateRoomDto {
  @ApiPropertyOptional() @Optional() @IsName(100) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @Optional({ nullable: true }) @IsName(100) nameFr?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @Optional({ nullable: true }) @IsBoundedInt(1, 100_000) capacity?: number | null;
}

export class RoomDto {
  @ApiProperty() id: string;
  @ApiProperty() summitId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameFr: string | null;
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
}

export function toRoomDto(room: SummitRoom): RoomDto {
  return { id: room.id, summitId: room.summitId, name: room.name, nameFr: room.nameFr, capacity: room.capacity };
}
