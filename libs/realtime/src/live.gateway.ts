import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { DomainError, ErrorCode, toErrorBody } from '@plenary/common';
import { AuthService, Principal } from '@plenary/identity';
import { plainToInstance } from 'class-transformer';
import { IsUUID, validate } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { Ack } from './live-events';
import { LiveEventsService } from './live-events.service';
import { RoomAccessRegistry } from './room-access.registry';

export class SummitRoomDto {
  @IsUUID()
  summitId: string;
}

async function validated<T extends object>(type: new () => T, payload: unknown): Promise<T> {
  const dto = plainToInstance(type, payload ?? {});
  const errors = typeof payload === 'object' && payload !== null ? await validate(dto, { whitelist: true, forbidNonWhitelisted: true }) : [{ constraints: { type: 'payload must be an object' } }];
  if (errors.length) {
    throw new DomainError(ErrorCode.ValidationFailed, errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  }
  return dto;
}

function failure(error: unknown, logger: Logger): { ok: false; error: { code: string; message: string } } {
  const { body } = toErrorBody(error, logger);
  return { ok: false, error: { code: body.code, message: body.message } };
}

/**
 * The `/live` namespace: agenda and speakers-list updates. The handshake
 * carries the same access token as the REST API (`auth: { token }`); a
 * missing, invalid or revoked token ends the connection.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly rooms: RoomAccessRegistry,
    private readonly events: LiveEventsService,
  ) {}

  /**
   * The handshake is authenticated in the namespace's middleware, before the
   * connection exists: a refused client gets `connect_error` whose `data` is
   * `{ code, message }`, and no event of its can arrive unauthenticated.
   */
  afterInit(namespace: Namespace): void {
    this.events.attach(namespace);
    namespace.use((client, next) => {
      const token = (client.handshake.auth as { token?: unknown } | undefined)?.token;
      const authenticate = typeof token === 'string' ? this.auth.principalFromToken(token) : Promise.reject(new DomainError(ErrorCode.Unauthenticated, 'An access token is required'));
      authenticate.then(
        (principal) => {
          client.data.principal = principal;
          next();
        },
        (error: unknown) => {
          const refusal = failure(error, this.logger).error;
          next(Object.assign(new Error(refusal.message), { data: refusal }));
        },
      );
    });
  }

  async handleConnection(client: Socket): Promise<void> {
    await client.join(`user:${(client.data.principal as Principal).userId}`);
  }

  @SubscribeMessage('summit.subscribe')
  async subscribe(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ room: string }>> {
    try {
      const { summitId } = await validated(SummitRoomDto, payload);
      const { room, subRooms } = await this.rooms.authorise(client.data.principal as Principal, 'summit', summitId);
      await client.join([room, ...subRooms]);
      return { ok: true, room };
    } catch (error) {
      return failure(error, this.logger);
    }
  }

  @SubscribeMessage('summit.unsubscribe')
  async unsubscribe(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    try {
      const { summitId } = await validated(SummitRoomDto, payload);
      const prefix = `summit:${summitId}`;
      for (const room of [...client.rooms].filter((r) => r === prefix || r.startsWith(`${prefix}:`))) await client.leave(room);
      return { ok: true };
    } catch (error) {
      return failure(error, this.logger);
    }
  }
}
