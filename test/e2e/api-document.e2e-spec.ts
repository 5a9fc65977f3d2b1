import { startTestApp, TestApp } from '../support/app';

interface Schema {
  $ref?: string;
  type?: string;
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  required?: string[];
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  format?: string;
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> }>;
  security?: unknown[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * The web client's API client is generated from this document: each route of
 * the account and people pages must be in it with its request and answer,
 * their enums and limits.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const op = (method: string, path: string): Operation => {
    const found = doc.paths[path]?.[method];
    if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
    return found;
  };
  const refName = (schema: Schema | undefined): string | undefined => (schema?.$ref ?? schema?.items?.$ref)?.replace('#/components/schemas/', '');
  const property = (schemaName: string, name: string): Schema => {
    const found = doc.components.schemas[schemaName]?.properties?.[name];
    if (!found) throw new Error(`${schemaName}.${name} is not in the document`);
    return found;
  };

  it('declares every path parameter of every operation, once', () => {
    const twice = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, operation]) => {
        const names = (operation.parameters ?? []).map((p) => `${p.in}:${p.name}`);
        return names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${method.toUpperCase()} ${path} ${n}`);
      }),
    );
    expect(twice).toEqual([]);
    const undeclared = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, operation]) =>
        [...path.matchAll(/\{(\w+)\}/g)]
          .map(([, name]) => name)
          .filter((name) => !(operation.parameters ?? []).some((p) => p.in === 'path' && p.name === name))
          .map((name) => `${method.toUpperCase()} ${path} {${name}}`),
      ),
    );
    expect(undeclared).toEqual([]);
  });

  it.each([
    ['post', '/api/auth/password-reset', 'RequestPasswordResetDto', '202', undefined],
    ['post', '/api/auth/password-reset/confirm', 'ConfirmPasswordResetDto', '204', undefined],
    ['post', '/api/auth/sessions/revoke-others', undefined, '200', 'RevokedSessionsDto'],
    ['get', '/api/me', undefined, '200', 'UserDto'],
    ['patch', '/api/me', 'UpdateProfileDto', '200', 'UserDto'],
    ['post', '/api/invitations', 'CreateInvitationDto', '201', 'InvitationDto'],
    ['post', '/api/invitations/bulk', 'BulkInvitationDto', '200', 'InvitationListResultDto'],
    ['get', '/api/invitations', undefined, '200', 'InvitationDto'],
    ['post', '/api/invitations/{id}/resend', undefined, '200', 'InvitationDto'],
    ['delete', '/api/invitations/{id}', undefined, '204', undefined],
    ['post', '/api/invitations/accept', 'AcceptInvitationDto', '200', 'AcceptedInvitationDto'],
    ['get', '/api/invitations/preview', undefined, '200', 'InvitationPreviewDto'],
    ['post', '/api/summits/{id}/invitations', 'CreateSummitInvitationDto', '201', 'SummitInvitationDto'],
    ['post', '/api/summits/{id}/invitations/bulk', 'BulkSummitInvitationDto', '200', 'InvitationListResultDto'],
    ['get', '/api/summits/{id}/invitations', undefined, '200', 'SummitInvitationDto'],
    ['post', '/api/summits/{id}/invitations/{invitationId}/resend', undefined, '200', 'SummitInvitationDto'],
    ['delete', '/api/summits/{id}/invitations/{invitationId}', undefined, '204', undefined],
    ['get', '/api/summits/{id}/delegations', undefined, '200', 'DelegationsDto'],
  ])('describes %s %s with its request and answer', (method, path, request, status, response) => {
    const operation = op(method, path);
    expect(refName(operation.requestBody?.content['application/json'].schema)).toBe(request);
    expect(Object.keys(operation.responses)).toContain(status);
    expect(refName(operation.responses[status].content?.['application/json'].schema)).toBe(response);
    if (!path.startsWith('/api/auth/password-reset') && !path.startsWith('/api/invitations/accept') && !path.startsWith('/api/invitations/preview')) {
      expect(operation.security).toEqual([{ bearer: [] }]);
    }
  });

  it('says when to try again on every answer that may be too soon', () => {
    const retrying = [
      ['post', '/api/auth/login'],
      ['post', '/api/auth/password-reset'],
      ['post', '/api/invitations/accept'],
      ['post', '/api/invitations/{id}/resend'],
      ['post', '/api/summits/{id}/invitations/{invitationId}/resend'],
    ];
    for (const [method, path] of retrying) {
      const tooSoon = op(method, path).responses['429'];
      expect({ path, schema: refName(tooSoon?.content?.['application/json'].schema), header: Object.keys(tooSoon?.headers ?? {}) }).toEqual({
        path,
        schema: 'RetryLaterErrorDto',
        header: ['Retry-After'],
      });
    }
    expect(doc.components.schemas.RetryLaterErrorDto.required).toEqual(expect.arrayContaining(['code', 'message', 'retryAfterSeconds']));
    expect(property('RetryLaterErrorDto', 'retryAfterSeconds').type).toBe('integer');
  });

  it('names the enums clients offer', () => {
    expect(property('UserDto', 'locale').enum).toEqual(['en', 'fr']);
    expect(property('UpdateProfileDto', 'locale').enum).toEqual(['en', 'fr']);
    expect(property('CreateInvitationDto', 'locale').enum).toEqual(['en', 'fr']);
    expect(property('InvitationListLineDto', 'outcome').enum).toEqual(['invited', 'already_member', 'already_invited', 'duplicate', 'invalid_address', 'not_allowed']);
    expect(property('CreateSummitInvitationDto', 'summitRole').enum).toEqual(['head_of_delegation', 'delegate', 'observer']);
    expect(property('SummitInvitationDto', 'summitRole').enum).toEqual(['head_of_delegation', 'delegate', 'observer']);
    expect(property('DelegationPersonDto', 'summitRole').enum).toEqual(expect.arrayContaining(['chair', 'head_of_delegation', 'interpreter']));
    expect(op('get', '/api/summits/{id}/invitations').parameters).toContainEqual(expect.objectContaining({ name: 'status', schema: expect.objectContaining({ enum: ['pending', 'accepted', 'expired', 'revoked', 'open'] }) }));
  });

  it('gives the limits the server enforces', () => {
    expect(property('BulkInvitationDto', 'emails').maxItems).toBe(200);
    expect(property('BulkSummitInvitationDto', 'csv').maxLength).toBe(100_000);
    expect(property('ConfirmPasswordResetDto', 'newPassword')).toMatchObject({ minLength: 12, maxLength: 256 });
    expect(property('RequestPasswordResetDto', 'email').maxLength).toBe(320);
    expect(op('get', '/api/summits/{id}/delegations').parameters).toContainEqual(expect.objectContaining({ name: 'q', schema: expect.objectContaining({ maxLength: 100 }) }));
    expect(op('get', '/api/summits/{id}/delegations').parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', schema: expect.objectContaining({ format: 'uuid' }) }));
  });
});
