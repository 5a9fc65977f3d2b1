import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_LOCALE, DomainError, ErrorCode, Locale, newId } from '@plenary/common';
import { DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/password.service';
import { SessionsService } from '../auth/sessions.service';
import { PlatformRole } from '../permissions/permission';
import type { Principal } from '../permissions/principal';
import { ListUsersQueryDto, UpdateProfileDto, UpdateUserDto } from './user.dto';
import { User } from './user.entity';
import { IdentityErrorCode } from '../identity.errors';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  platformRole: PlatformRole;
  locale?: Locale;
  timeZone?: string;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly accessChanges: AccessChanges,
  ) {}

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return repo.findOne({ where: { email: email.trim().toLowerCase() } });
  }

  /** The accounts of these addresses (lower-cased), those that exist. */
  findByEmails(emails: readonly string[], manager?: EntityManager): Promise<User[]> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return emails.length ? repo.find({ where: { email: In([...new Set(emails)]) } }) : Promise.resolve([]);
  }

  /** The user with memberships and their organisations, or a 404. */
  async get(id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id }, relations: { memberships: { organisation: true } } });
    if (!user) throw new DomainError(IdentityErrorCode.UserNotFound, 'No such user');
    return user;
  }

  async create(data: NewUser, manager?: EntityManager): Promise<User> {
    const repo = manager ? manager.getRepository(User) : this.users;
    const email = data.email.trim().toLowerCase();
    if (await repo.exists({ where: { email } })) throw new DomainError(IdentityErrorCode.EmailTaken, 'An account with this e-mail address already exists');
    const now = new Date();
    const user = repo.create({
      id: newId(),
      email,
      displayName: data.displayName.trim(),
      passwordHash: await this.passwords.hash(data.password),
      platformRole: data.platformRole,
      locale: data.locale ?? DEFAULT_LOCALE,
      timeZone: data.timeZone ?? 'UTC',
      disabledAt: null,
      passwordChangedAt: now,
    });
    return repo.save(user);
  }

  async countActiveHostAdmins(manager?: EntityManager): Promise<number> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return repo.count({ where: { platformRole: PlatformRole.HostAdmin, disabledAt: IsNull() } });
  }

  async updateProfile(userId: string, dto: UpdateProfileDto): Promise<User> {
    const user = await this.get(userId);
    if (dto.displayName !== undefined) user.displayName = dto.displayName;
    if (dto.locale !== undefined) user.locale = dto.locale;
    if (dto.timeZone !== undefined) user.timeZone = dto.timeZone;
    await this.users.save(user);
    return user;
  }

  async list(query: ListUsersQueryDto): Promise<User[]> {
    const qb = this.users
      .createQueryBuilder('user')
      .leftJoinAndSelect('user.memberships', 'membership')
      .leftJoinAndSelect('membership.organisation', 'organisation')
      .orderBy('user.email', 'ASC')
      .take(query.limit ?? 100)
      .skip(query.offset ?? 0);
    if (query.platformRole) qb.andWhere('user.platformRole = :role', { role: query.platformRole });
    if (query.search) {
      const like = `%${query.search.toLowerCase().replace(/[%_\\]/g, (c) => '\\' + c)}%`;
      qb.andWhere("(LOWER(user.email) LIKE :like ESCAPE '\\' OR LOWER(user.displayName) LIKE :like ESCAPE '\\')", { like });
    }
    return qb.getMany();
  }

  /** Role changes and disabling by a host administrator; never leaves the platform without an active host administrator. */
  async adminUpdate(actor: Principal, userId: string, dto: UpdateUserDto, ip: string): Promise<User> {
    // A new role or a disabled account ends the user's live connections; they reconnect with their new rights, if any.
    const reconnect = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = await repo.findOne({ where: { id: userId } });
      if (!user) throw new DomainError(IdentityErrorCode.UserNotFound, 'No such user');
      const wasActiveAdmin = user.platformRole === PlatformRole.HostAdmin && user.disabledAt === null;

      const changedRole = dto.platformRole !== undefined && dto.platformRole !== user.platformRole;
      const changedDisabled = dto.disabled !== undefined && dto.disabled !== (user.disabledAt !== null);
      if (changedRole) {
        await this.audit.record(
          AuditEventType.RoleChanged,
          { actorId: actor.userId, targetType: 'user', targetId: user.id, ip, details: { from: user.platformRole, to: dto.platformRole } },
          m,
        );
        user.platformRole = dto.platformRole!;
      }
      if (changedDisabled) {
        user.disabledAt = dto.disabled ? new Date() : null;
        if (dto.disabled) await this.sessions.revokeAllForUser(user.id, 'user_disabled', m);
        await this.audit.record(dto.disabled ? AuditEventType.UserDisabled : AuditEventType.UserEnabled, {
          actorId: actor.userId,
          targetType: 'user',
          targetId: user.id,
          ip,
        }, m);
      }
      const isActiveAdmin = user.platformRole === PlatformRole.HostAdmin && user.disabledAt === null;
      await repo.save(user);
      if (wasActiveAdmin && !isActiveAdmin && (await this.countActiveHostAdmins(m)) === 0) {
        throw new DomainError(ErrorCode.Conflict, 'The platform must keep at least one active host administrator');
      }
      return changedRole || changedDisabled;
    });
    if (reconnect) this.accessChanges.publish({ kind: 'sign-out', userId });
    return this.get(userId);
  }
}
