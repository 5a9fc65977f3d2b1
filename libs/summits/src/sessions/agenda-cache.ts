import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Summit } from '../summits/summit.entity';
import type { AgendaDto } from './session.dto';

/** Summits whose agendas are kept, the most recently read first out last. */
const MAX_SUMMITS = 64;
/** Agendas kept per summit: one per audience (the host side, each set of delegations, the public) and zone. */
const MAX_AGENDAS_PER_SUMMIT = 512;

/**
 * An agenda as kept: deep-frozen, with its JSON text and an entity tag of
 * that text, made once. Readers of one audience are sent the same text, so
 * it is not serialised again for each of them.
 */
export class KeptAgenda {
  readonly agenda: Readonly<AgendaDto>;
  readonly json: string;
  readonly etag: string;

  constructor(agenda: AgendaDto) {
    this.agenda = deepFreeze(agenda);
    this.json = JSON.stringify(agenda);
    this.etag = `"${createHash('sha256').update(this.json).digest('base64url').slice(0, 32)}"`;
  }

  /**
   * Readies `res` for this agenda's text (its type and entity tag) and gives
   * the text for the route to return. Express answers 304 instead to a
   * client that sends the tag it holds (`If-None-Match`).
   */
  answer(res: Response): string {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('ETag', this.etag);
    return this.json;
  }
}

interface SummitAgendas {
  /** The summit's revision and zone the agendas were built at. */
  revision: number;
  timeZone: string;
  agendas: Map<string, KeptAgenda>;
}

/** Who an agenda is built for: the host side sees every session, a delegate those of their delegations, the public no bilateral. */
export type AgendaAudience = { kind: 'host' } | { kind: 'delegations'; organisationIds: readonly string[] } | { kind: 'public' };

export function audienceKey(audience: AgendaAudience): string {
  if (audience.kind !== 'delegations') return audience.kind;
  return `delegations:${[...audience.organisationIds].sort().join(',')}`;
}

/**
 * Agendas as built, per summit, audience and zone, while the summit's agenda
 * revision is the one they were built at. The revision is raised in the
 * transaction that changes a session and read with the summit row the access
 * check reads anyway, so every server process sees a change at once, with no
 * message between them and no query of its own. An agenda is the same for
 * everyone of one audience: who may see a summit at all is decided before.
 */
@Injectable()
export class AgendaCache {
  private readonly summits = new Map<string, SummitAgendas>();

  /** The agenda of `summit` for `audience` in `timeZone`: kept, or built (and kept if the summit has not changed meanwhile). */
  async get(summit: Summit, audience: AgendaAudience, timeZone: string, build: () => Promise<AgendaDto>): Promise<KeptAgenda> {
    const key = `${audienceKey(audience)}|${timeZone}`;
    const kept = this.current(summit);
    const hit = kept?.agendas.get(key);
    if (hit) return hit;
    const agenda = new KeptAgenda(await build());
    const newer = this.summits.get(summit.id);
    // A reader holding an older summit row than the agendas kept gets its own, and does not replace them.
    if (newer && newer.revision > summit.agendaRevision) return agenda;
    const entry = this.current(summit) ?? this.start(summit);
    if (entry.agendas.size >= MAX_AGENDAS_PER_SUMMIT) entry.agendas.delete(entry.agendas.keys().next().value!);
    entry.agendas.set(key, agenda);
    return agenda;
  }

  /** How many agendas are kept, for the metrics and the tests. */
  get size(): number {
    let size = 0;
    for (const entry of this.summits.values()) size += entry.agendas.size;
    return size;
  }

  private current(summit: Summit): SummitAgendas | undefined {
    const entry = this.summits.get(summit.id);
    if (!entry) return undefined;
    if (entry.revision === summit.agendaRevision && entry.timeZone === summit.timeZone) {
      // Most recently read last, so the first key is the one to drop.
      this.summits.delete(summit.id);
      this.summits.set(summit.id, entry);
      return entry;
    }
    // Built at an older revision (or a newer one, read by a slower request): out of date for this reader.
    if (entry.revision < summit.agendaRevision || entry.timeZone !== summit.timeZone) this.summits.delete(summit.id);
    return undefined;
  }

  private start(summit: Summit): SummitAgendas {
    const entry: SummitAgendas = { revision: summit.agendaRevision, timeZone: summit.timeZone, agendas: new Map() };
    if (this.summits.size >= MAX_SUMMITS) this.summits.delete(this.summits.keys().next().value!);
    this.summits.set(summit.id, entry);
    return entry;
  }
}

/**
 * Raises a summit's agenda revision. Call it in the transaction of every
 * change to a session of the summit (or to anything an agenda shows), so that
 * no process serves the agenda it held before.
 */
export async function raiseAgendaRevision(m: EntityManager, summitId: string): Promise<void> {
  const [sql, parameters] = m.connection.driver.escapeQueryWithParameters(
    `UPDATE ${m.connection.driver.escape('summits')} SET agenda_revision = agenda_revision + 1 WHERE id = :summitId`,
    { summitId },
  );
  await m.query(sql, parameters);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
