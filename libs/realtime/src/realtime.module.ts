import { Module } from '@nestjs/common';
import { IdentityModule } from '@plenary/identity';
import { AccessReviewService } from './access-review.service';
import { RealtimeNamespaces } from './namespaces/realtime-namespaces.service';
import { RoomKinds } from './rooms/room-kinds.registry';

@Module({
  imports: [IdentityModule],
  providers: [RealtimeNamespaces, RoomKinds, AccessReviewService],
  exports: [RealtimeNamespaces, RoomKinds],
})
export class RealtimeModule {}
