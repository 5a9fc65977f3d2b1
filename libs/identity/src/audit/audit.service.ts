import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { newId } from '@plenary/common';
import { EntityManager, FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { AuditEvent, AuditEventType } from './audit-event.entity';

export interface AuditEntry {
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  type?: AuditEventType;
  actorId?: string;
  before?: Date;
  limit: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Records an event, inside the caller's transaction when a manager is given. */
  async record(type: AuditEventType, entry: AuditEntry = {}, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEvent) : this.events;
    await repo.save(repo.create({
      id: newId(),
      type,
      actorId: entry.actorId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ipAddress: entry.ip ?? null,
      details: entry.details ?? null,
      createdAt: new Date(),
    }));
  }

  /** Newest first; page with `before` set to the last `createdAt` seen. */
  list(query: AuditQuery): Promise<AuditEvent[]> {
    const where: FindOptionsWhere<AuditEvent> = {};
    if (query.type) where.type = query.type;
    if (query.actorId) where.actorId = query.actorId;
    if (query.before) where.createdAt = LessThan(query.before);
    return this.events.find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: query.limit });
  }
}
