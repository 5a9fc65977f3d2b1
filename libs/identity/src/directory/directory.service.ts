import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import type { Principal } from '../permissions/principal';
import { User } from '../users/user.entity';

/**
 * Who is who, for the libs above identity: people, organisations and who
 * belongs to which, looked up in bulk (one query whatever the number asked
 * for), read-only. Those libs ask here instead of reading identity's tables.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {}

  /** A user, or null. */
  user(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  /** Users by id, those that exist, in no particular order; `manager` reads inside the caller's transaction. */
  usersByIds(ids: readonly string[], manager?: EntityManager): Promise<User[]> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return ids.length ? repo.find({ where: { id: In([...new Set(ids)]) } }) : Promise.resolve([]);
  }

  /**
   * The enabled accounts among these ids, as principals whose rights can be
   * checked (who may read a channel, who may be written to). They carry no
   * sign-in session: never a way to act as them.
   */
  async principalsOf(ids: readonly string[]): Promise<Principal[]> {
    return (await this.usersByIds(ids)).filter((u) => !u.disabledAt).map((u) => ({ userId: u.id, sessionId: '', email: u.email, platformRole: u.platformRole }));
  }

  /** Organisations by id, those that exist, in no particular order. */
  organisationsByIds(ids: readonly string[]): Promise<Organisation[]> {
    return ids.length ? this.organisations.find({ where: { id: In([...new Set(ids)]) } }) : Promise.resolve([]);
  }

  /** The organisations a person belongs to. */
  async organisationIdsOf(userId: string): Promise<string[]> {
    return (await this.memberships.find({ where: { userId }, select: { id: true, organisationId: true } })).map((m) => m.organisationId);
  }

  /** Who of these people belongs to which organisation. */
  membershipsOf(userIds: readonly string[]): Promise<Pick<Membership, 'userId' | 'organisationId'>[]> {
    return userIds.length ? this.memberships.find({ where: { userId: In([...new Set(userIds)]) }, select: { id: true, userId: true, organisationId: true } }) : Promise.resolve([]);
  }

  /** The members of these organisations, oldest membership first, without their accounts. */
  membersOf(organisationIds: readonly string[]): Promise<Membership[]> {
    return organisationIds.length ? this.memberships.find({ where: { organisationId: In([...new Set(organisationIds)]) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }

  /** Whether the person belongs to the organisation. */
  isMember(userId: string, organisationId: string): Promise<boolean> {
    return this.memberships.exists({ where: { userId, organisationId } });
  }
}
