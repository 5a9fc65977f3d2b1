// Requests derived from the OpenAPI document: every operation it describes,
// now and to come, with a plausible base (real ids, values of the declared
// types) and mutations of its body, its path parameters and its query.
import { Deep, FIELD_MUTATIONS, FuzzScene, hintedValue, IdKind, idKindOfField, jsonText, withKey } from './fuzz-values';
import type { Random } from './random';

/** The parts of an OpenAPI 3 document the generator reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

/** One operation of the document: `POST /api/summits/{id}/participants`. */
export interface Operation {
  name: string;
  method: string;
  /** The path template, `{param}` for each parameter. */
  template: string;
  pathParams: string[];
  queryParams: { name: string; schema: Schema }[];
  bodySchema?: Schema;
}

/** Who sends a request: nobody signed in, or one of the suite's signed-in people. */
export type CallerName = 'anonymous' | 'hostAdmin' | 'delegate' | 'outsider';

export interface HttpCase {
  operation: string;
  mutation: string;
  caller: CallerName;
  method: string;
  /** Path and query as sent, percent-encoded already (or deliberately not). */
  url: string;
  body?: string;
  contentType?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, in its order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({
        name: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        // From the template itself: a parameter the document forgot to declare is still fuzzed.
        pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

const SEGMENT_KINDS: Record<string, IdKind> = {
  summits: 'summit',
  sessions: 'session',
  channels: 'channel',
  messages: 'message',
  organisations: 'organisation',
  participants: 'organisation',
  users: 'user',
  members: 'user',
  'chat-mutes': 'user',
  invitations: 'invitation',
  'calendar-feeds': 'calendarFeed',
  speakers: 'speakerEntry',
};

/** The kind of record a path parameter names: by its own name, else by the collection before it (`/summits/{id}`). */
function pathParamKind(template: string, param: string): IdKind | undefined {
  const segments = template.split('/');
  const before = segments[segments.indexOf(`{${param}}`) - 1];
  if (before === 'sessions' && segments.includes('auth')) return 'authSession';
  return (param === 'id' ? undefined : idKindOfField(param)) ?? SEGMENT_KINDS[before];
}

/**
 * Builds requests for the operations. `perOperation` requests each: every
 * mutation that applies is drawn in turn (in an order of the seed's), then
 * more at random, each sent by a caller of the seed's choosing.
 */
export class HttpCases {
  constructor(
    private readonly doc: OpenApiDocument,
    private readonly scene: FuzzScene,
    private readonly r: Random,
  ) {}

  /** How many different mutations apply to the operation. */
  mutationCount(operation: Operation): number {
    return this.mutationsOf(operation).length;
  }

  forOperation(operation: Operation, count: number, callers: readonly CallerName[]): HttpCase[] {
    const candidates = this.r.shuffled(this.mutationsOf(operation));
    return Array.from({ length: count }, (_, i) => {
      const mutate = i < candidates.length ? candidates[i] : this.r.pick(candidates);
      return { ...mutate(), operation: operation.name, caller: this.r.pick(callers) };
    });
  }

  /** Each mutation that applies to the operation, as a maker of one request. */
  private mutationsOf(op: Operation): (() => Omit<HttpCase, 'operation' | 'caller'>)[] {
    const request = (mutation: string, parts: { params?: Record<string, string>; query?: string; body?: unknown; raw?: string; contentType?: string }) => ({
      mutation,
      method: op.method,
      url: this.path(op, parts.params ?? {}) + (parts.query ?? this.query(op)),
      ...(parts.raw !== undefined
        ? { body: parts.raw, contentType: parts.contentType ?? 'application/json' }
        : parts.body !== undefined
          ? { body: jsonText(parts.body), contentType: parts.contentType ?? 'application/json' }
          : {}),
    });
    const base = () => (op.bodySchema ? this.value(op.bodySchema, 'body') : undefined);
    const makers: (() => Omit<HttpCase, 'operation' | 'caller'>)[] = [];

    // The body: each field mutated in turn, then the body as a whole.
    const fields = op.bodySchema ? Object.keys(this.resolve(op.bodySchema).properties ?? {}) : [];
    for (const field of fields) {
      for (const mutation of FIELD_MUTATIONS) {
        makers.push(() => {
          const body = base() as Record<string, unknown>;
          return request(`body.${field}: ${mutation.name}`, { body: { ...body, [field]: mutation.value(body[field], this.r) } });
        });
      }
    }
    const wholeBodies: [string, () => { body?: unknown; raw?: string; contentType?: string }][] = [
      ['body not an object', () => ({ body: this.r.pick([[], 'text', 42, null, true, [base()]]) })],
      ['body nested deep', () => ({ body: new Deep(this.r.pick(['object', 'array'] as const)) })],
      ['body with a prototype key', () => ({ body: withKey(this.r.pick(['__proto__', 'constructor', 'prototype']), { admin: true }, (base() as Record<string, unknown>) ?? {}) })],
      ['body with an unknown field', () => ({ body: { ...((base() as object) ?? {}), unexpected: 'x' } })],
      ['empty body', () => ({ body: {} })],
      ['malformed JSON', () => ({ raw: this.r.pick(['{"a":', '{"a":1,}', "{'a':1}", '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}']) })],
      ['not JSON', () => ({ raw: jsonText(base() ?? {}), contentType: this.r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) })],
      ['body too large', () => ({ raw: `{"a":"${'x'.repeat(300_000)}"}` })],
    ];
    if (op.method !== 'GET' && op.method !== 'DELETE') {
      for (const [name, parts] of wholeBodies) makers.push(() => request(name, parts()));
    } else if (op.method === 'DELETE' && op.bodySchema === undefined) {
      makers.push(() => request('a body where none is expected', { body: withKey('constructor', { x: new Deep('object') }) }));
    }

    // Path parameters: unknown, malformed, or the id of something else.
    for (const param of op.pathParams) {
      const odd = [this.r.uuid(), 'x', '%FF', '%E0%A4%A', '%00', 'a'.repeat(2000), '0', '%2e%2e', 'null', '%ED%A0%80', '%0D%0A'];
      makers.push(() => request(`path ${param}: unknown or malformed`, { params: { [param]: this.r.pick(odd) }, body: base() }));
      makers.push(() => request(`path ${param}: another kind's id`, { params: { [param]: this.r.pick(Object.values(this.scene.ids).flat()) }, body: base() }));
    }

    // The query: each declared parameter mutated, and keys nobody declares.
    for (const { name, schema } of op.queryParams) {
      makers.push(() => request(`query ${name}: odd value`, { query: `?${name}=${this.oddQueryValue(schema)}` }));
      makers.push(() => request(`query ${name}: repeated`, { query: `?${name}=1&${name}=2` }));
    }
    makers.push(() => request('query with a prototype key', { query: this.r.pick(['?constructor=x', '?__proto__=x', '?prototype=1', '?__proto__[admin]=1']), body: base() }));
    return makers;
  }

  private oddQueryValue(schema: Schema): string {
    return this.r.pick(['%00', '%FF', '%ED%A0%80', 'x'.repeat(5000), '-1', '1e3', '', '99999999999999999999', 'null', '%0D%0AX-Forged:%201', ...(schema.enum ? ['NOT_IN_ENUM'] : []), '2026-02-30T00:00:00Z']);
  }

  private path(op: Operation, overrides: Record<string, string>): string {
    return op.template.replace(/\{([^}]+)\}/g, (_m, param: string) => {
      if (param in overrides) return overrides[param];
      if (param === 'file') return `${this.scene.feedToken}.ics`;
      const kind = pathParamKind(op.template, param);
      return encodeURIComponent(kind && this.scene.ids[kind].length ? this.r.pick(this.scene.ids[kind]) : this.r.uuid());
    });
  }

  /** Plausible values for the declared query parameters, some of them left out. */
  private query(op: Operation): string {
    const pairs = op.queryParams.filter(() => this.r.chance(0.5)).map(({ name, schema }) => `${name}=${encodeURIComponent(String(this.value(schema, name)))}`);
    return pairs.length ? `?${pairs.join('&')}` : '';
  }

  private resolve(schema: Schema): Schema {
    if (schema.$ref) return this.resolve(this.doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {});
    if (schema.allOf?.length) return this.resolve(schema.allOf[0]);
    return schema;
  }

  /** A plausible value of the schema, for the field `name`. */
  private value(raw: Schema, name: string, depth = 0): unknown {
    const schema = this.resolve(raw);
    if (schema.enum?.length) return this.r.pick(schema.enum);
    if (schema.type === 'object' || schema.properties) {
      if (depth > 3) return {};
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, this.value(property, key, depth + 1)]));
    }
    if (schema.type === 'array') {
      const hinted = hintedValue(name, this.scene, this.r);
      return Array.isArray(hinted) ? hinted : [this.value(schema.items ?? { type: 'string' }, name, depth + 1)];
    }
    if (schema.type === 'number' || schema.type === 'integer') return schema.minimum ?? schema.example ?? this.r.pick([1, 10, 60]);
    if (schema.type === 'boolean') return this.r.chance(0.5);
    if (schema.format === 'date-time') return this.scene.instant(this.r.int(0, 40));
    if (schema.example !== undefined) return schema.example;
    const hinted = hintedValue(name, this.scene, this.r);
    if (typeof hinted === 'string') return hinted;
    return 'Fuzzed ' + name;
  }
}
