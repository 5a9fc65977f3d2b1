// Socket payloads derived from the gateways themselves: every namespace the
// real-time kit serves, every request its gateway declares with the
// `socketRequests` decorator and the DTO that validates it, so that a new
// gateway or event is fuzzed without editing the suite.
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, GATEWAY_OPTIONS } from '@nestjs/websockets/constants';
import { RealtimeNamespaces, socketRequestsOf } from '@plenary/realtime';
import { getMetadataStorage } from 'class-validator';
import { RawJson } from '../sockets';
import { Deep, FIELD_MUTATIONS, FuzzScene, hintedValue, jsonText, withKey } from './fuzz-values';
import type { Random } from './random';

/** One request a client may make: its namespace, event and payload class. */
export interface SocketRequestTarget {
  namespace: string;
  event: string;
  payload: new () => object;
}

export interface SocketCase {
  request: string;
  mutation: string;
  namespace: string;
  event: string;
  /** No payload at all when undefined. */
  payload?: RawJson;
  /** Larger than the server's message limit: the documented answer is a closed connection. */
  tooLarge: boolean;
}

/** Every gateway's requests, with the namespaces the kit serves (to check that none was missed). */
export function socketRequestTargets(app: INestApplication): { targets: SocketRequestTarget[]; served: string[] } {
  const targets: SocketRequestTarget[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const gateway = wrapper.metatype as (abstract new (...args: never[]) => object) | null;
      if (!gateway || typeof gateway !== 'function' || !Reflect.getMetadata(GATEWAY_METADATA, gateway)) continue;
      const namespace = String((Reflect.getMetadata(GATEWAY_OPTIONS, gateway) as { namespace?: string } | undefined)?.namespace ?? '/');
      for (const info of socketRequestsOf(gateway)) targets.push({ namespace, event: info.event, payload: info.payload });
    }
  }
  return { targets, served: app.get(RealtimeNamespaces).namespaceNames() };
}

/** Builds payloads for the requests: a plausible base from the DTO's validation rules, then mutations of it. */
export class SocketCases {
  constructor(
    private readonly scene: FuzzScene,
    private readonly r: Random,
    private readonly maxMessageBytes: number,
  ) {}

  /** How many different mutations apply to the request. */
  mutationCount(target: SocketRequestTarget): number {
    return this.mutationsOf(target).length;
  }

  forRequest(target: SocketRequestTarget, count: number): SocketCase[] {
    const candidates = this.r.shuffled(this.mutationsOf(target));
    return Array.from({ length: count }, (_, i) => {
      const [mutation, payload] = (i < candidates.length ? candidates[i] : this.r.pick(candidates))();
      const text = payload === undefined ? undefined : jsonText(payload);
      return {
        request: `${target.namespace} ${target.event}`,
        mutation,
        namespace: target.namespace,
        event: target.event,
        payload: text === undefined ? undefined : new RawJson(text),
        // The event name and the packet's framing come on top of the payload.
        tooLarge: text !== undefined && Buffer.byteLength(text) + target.event.length + 64 > this.maxMessageBytes,
      };
    });
  }

  private mutationsOf(target: SocketRequestTarget): (() => [string, unknown])[] {
    const base = () => this.base(target.payload);
    const makers: (() => [string, unknown])[] = [];
    for (const field of Object.keys(this.rulesOf(target.payload))) {
      for (const mutation of FIELD_MUTATIONS) {
        makers.push(() => {
          const payload = base();
          return [`${field}: ${mutation.name}`, { ...payload, [field]: mutation.value(payload[field], this.r) }];
        });
      }
    }
    makers.push(
      () => ['payload not an object', this.r.pick([[], 'text', 42, null, true, [base()]])],
      () => ['no payload', undefined],
      () => ['payload nested deep', new Deep(this.r.pick(['object', 'array'] as const))],
      () => ['payload with a prototype key', withKey(this.r.pick(['__proto__', 'constructor', 'prototype']), { admin: true }, base())],
      () => ['payload with an unknown field', { ...base(), unexpected: 'x' }],
      () => ['empty payload', {}],
      () => ['payload beyond the message limit', { ...base(), padding: 'x'.repeat(this.maxMessageBytes + 1) }],
    );
    return makers;
  }

  /** The validation rules of each property of a payload class, by rule name (`isUuid`, `min`…), with their constraints. */
  private rulesOf(type: new () => object): Record<string, Map<string, unknown[]>> {
    const rules: Record<string, Map<string, unknown[]>> = {};
    for (const meta of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) {
      const rule = meta.type === 'customValidation' ? String(meta.name) : meta.type;
      (rules[meta.propertyName] ??= new Map()).set(rule, [...(meta.constraints ?? []), meta.each ? 'each' : undefined]);
    }
    return rules;
  }

  /** A payload that would plausibly pass: real ids, values of the types and within the bounds the rules name. */
  private base(type: new () => object): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.rulesOf(type)).map(([property, rules]) => [property, this.valueFor(property, rules)]));
  }

  private valueFor(property: string, rules: Map<string, unknown[]>): unknown {
    const hinted = hintedValue(property, this.scene, this.r);
    if (rules.has('isUuid')) return rules.get('isUuid')!.includes('each') ? (Array.isArray(hinted) ? hinted : [this.r.uuid()]) : (hinted ?? this.r.uuid());
    if (rules.has('isInt')) return (rules.get('min')?.[0] as number | undefined) ?? 1;
    if (rules.has('isBoolean')) return this.r.chance(0.5);
    if (rules.has('isIn')) return this.r.pick(rules.get('isIn')![0] as unknown[]);
    if (rules.has('isEnum')) return this.r.pick(Object.values(rules.get('isEnum')![0] as object));
    if (rules.has('nestedValidation')) return {};
    if (rules.has('isArray')) return Array.isArray(hinted) ? hinted : [];
    return typeof hinted === 'string' ? hinted : `Fuzzed ${property}`;
  }
}
