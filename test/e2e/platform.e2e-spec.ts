import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/app';

describe('Platform endpoints and HTTP hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database reachable', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves Prometheus metrics with request counts and latency per route', async () => {
    await t.http.get('/api/me').expect(401);
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/plenary_http_requests_total\{method="GET",route="\/api\/me",status="401"\} \d+/);
    expect(res.text).toMatch(/plenary_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/me"\}/);
  });

  it('publishes the OpenAPI document generated from the code', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/organisations', '/api/invitations/accept']));
    await t.http.get('/api/docs').expect(200);
  });

  it('sets security headers and a request id, keeping a well-formed incoming one', async () => {
    const res = await t.http.get('/health').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    const generated = await t.http.get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows cross-origin calls only from configured origins', async () => {
    const allowed = await t.http.options('/api/auth/login').set('Origin', t.url).set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe(t.url);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const refused = await t.http.options('/api/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers malformed and oversized bodies with a 4xx error body', async () => {
    const malformed = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
    const huge = await t.http.post('/api/auth/login').send({ email: 'a@example.org', password: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await t.http.get('/api/no-such-route').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
  });

  const webBuilt = existsSync(join(__dirname, '../../dist/web/index.html'));
  it('serves the web client at / and its pages by path', async () => {
    expect(webBuilt).toBe(true);
    const root = await t.http.get('/').expect(200);
    expect(root.text).toMatch(/<div id="root">/);
    const page = await t.http.get('/account').expect(200);
    expect(page.text).toBe(root.text);
  });
});

describe('Metrics with a token', () => {
  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    const t = await startTestApp({ METRICS_TOKEN: 'scrape-secret-0123456789' });
    try {
      await t.http.get('/metrics').expect(401);
      await t.http.get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
      await t.http.get('/metrics').set('Authorization', 'Bearer scrape-secret-0123456789').expect(200);
    } finally {
      await t.close();
    }
  });
});
