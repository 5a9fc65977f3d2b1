import { Module } from '@nestjs/common';
import { IdentityModule } from '@plenary/identity';
import { AccessReviewService } from './access-review.service';
import { LiveEventsService } from './live-events.service';
import { LiveGateway } from './live.gateway';
import { RoomAccessRegistry } from './room-access.registry';

@Module({
  imports: [IdentityModule],
  providers: [LiveGateway, LiveEventsService, RoomAccessRegistry, AccessReviewService],
  exports: [LiveEventsService, RoomAccessRegistry, AccessReviewService],
})
export class RealtimeModule {}
