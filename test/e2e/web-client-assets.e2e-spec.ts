import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/app';

const WEB_DIR = resolve(__dirname, '../../dist/web');
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly the headers given (supertest and fetch would ask for and undo compression themselves). */
function raw(baseUrl: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function varyNames(res: RawResponse): string[] {
  return String(res.headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

describe('The built web client, as the server sends it', () => {
  let t: TestApp;
  let script: string;
  let stylesheet: string;
  const built = (urlPath: string) => readFileSync(join(WEB_DIR, urlPath));

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR}/index.html is missing: build the web client first (npm run build:web)`);
    const index = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
    script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1] ?? '';
    stylesheet = /<link[^>]+href="(\/assets\/[^"]+\.css)"/.exec(index)?.[1] ?? '';
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has every script, stylesheet and the page stored compressed beside it, each copy smaller', () => {
    expect(script).toMatch(/^\/assets\/.+-[A-Za-z0-9_-]{8,}\.js$/);
    expect(stylesheet).toMatch(/^\/assets\/.+\.css$/);
    for (const urlPath of [script, stylesheet, '/index.html']) {
      const size = statSync(join(WEB_DIR, urlPath)).size;
      expect({ urlPath, br: brotliDecompressSync(built(`${urlPath}.br`)).equals(built(urlPath)) }).toEqual({ urlPath, br: true });
      expect({ urlPath, gz: gunzipSync(built(`${urlPath}.gz`)).equals(built(urlPath)) }).toEqual({ urlPath, gz: true });
      expect(built(`${urlPath}.br`).length).toBeLessThan(size);
      expect(built(`${urlPath}.gz`).length).toBeLessThan(size);
    }
  });

  it('sends brotli to a browser that accepts it, as a script, with the length sent', async () => {
    const res = await raw(t.url, script, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });

    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.equals(built(`${script}.br`))).toBe(true);
    expect(brotliDecompressSync(res.body).equals(built(script))).toBe(true);
    expect(varyNames(res)).toContain('accept-encoding');
  });

  it('sends gzip when brotli is not accepted or weighs less', async () => {
    for (const acceptEncoding of ['gzip, deflate', 'br;q=0.5, gzip', 'br;q=0, *']) {
      const res = await raw(t.url, stylesheet, { 'Accept-Encoding': acceptEncoding });

      expect({ acceptEncoding, encoding: res.headers['content-encoding'] }).toEqual({ acceptEncoding, encoding: 'gzip' });
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(gunzipSync(res.body).equals(built(stylesheet))).toBe(true);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
    }
  });

  it('sends the file as it is to a client that accepts no compression', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'zstd, deflate' }, { 'Accept-Encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const res = await raw(t.url, script, headers);

      expect({ headers, encoding: res.headers['content-encoding'] }).toEqual({ headers, encoding: undefined });
      expect(res.body.equals(built(script))).toBe(true);
      expect(Number(res.headers['content-length'])).toBe(statSync(join(WEB_DIR, script)).size);
      // A cache on the way must not hand this copy to a browser that asked for brotli, nor the other way round.
      expect(varyNames(res)).toContain('accept-encoding');
    }
  });

  it('lets browsers keep hashed files for a year without asking again', async () => {
    for (const path of [script, stylesheet]) {
      const res = await raw(t.url, path, { 'Accept-Encoding': 'br' });
      expect({ path, cacheControl: res.headers['cache-control'] }).toEqual({ path, cacheControl: IMMUTABLE });
    }
  });

  it('has the page checked again on every use, at the root, by name and on any deep link', async () => {
    const page = built('/index.html');
    for (const path of ['/', '/index.html', '/login', '/summits/00000000-0000-4000-8000-000000000000/agenda', '/invitation?token=abc', '/sessions/x/y/z']) {
      const res = await raw(t.url, path, { 'Accept-Encoding': 'gzip' });

      expect({ path, status: res.status, cacheControl: res.headers['cache-control'] }).toEqual({ path, status: 200, cacheControl: 'no-cache' });
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(gunzipSync(res.body).equals(page)).toBe(true);
    }
  });

  it('answers 404, never the page, for a file under /assets/ that is not there', async () => {
    for (const path of ['/assets/index-0ld8uild.js', '/assets/', '/assets/nested/chunk.js', `${script}.map`, '/assets/..%2f..%2fpackage.json', '/assets/%E0%A4%A']) {
      const res = await raw(t.url, path, { 'Accept-Encoding': 'br, gzip' });

      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body.toString()).code).toBe('NOT_FOUND');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('sends nothing from outside the build, only the page', async () => {
    const page = built('/index.html');
    for (const path of ['/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/.%2e/tsconfig.json', '/%00index.html']) {
      const res = await raw(t.url, path);

      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.body.equals(page)).toBe(true);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await raw(t.url, script, { 'Accept-Encoding': 'br' });
    const head = await raw(t.url, script, { 'Accept-Encoding': 'br' }, 'HEAD');

    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-length', 'content-encoding', 'cache-control', 'etag', 'vary']) {
      expect({ name, value: head.headers[name] }).toEqual({ name, value: get.headers[name] });
    }
  });

  it('answers 304 to a browser that has the same copy, and tells copies in different encodings apart', async () => {
    const br = await raw(t.url, '/', { 'Accept-Encoding': 'br' });
    const plain = await raw(t.url, '/');
    expect(br.headers.etag).toEqual(expect.any(String));
    expect(br.headers.etag).not.toBe(plain.headers.etag);

    const again = await raw(t.url, '/summits', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('no-cache');

    // The identity copy's tag does not stand for the brotli copy.
    const other = await raw(t.url, '/', { 'Accept-Encoding': 'br', 'If-None-Match': plain.headers.etag! });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBe('br');
  });

  it('leaves the server’s own paths and other methods to the server', async () => {
    const api = await raw(t.url, '/api/me', { 'Accept-Encoding': 'br' });
    expect(api.status).toBe(401);
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['content-encoding']).toBeUndefined();

    const unknownApi = await raw(t.url, '/api/no-such-route');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers['content-type']).toMatch(/^application\/json/);

    expect((await raw(t.url, '/health')).status).toBe(200);
    expect((await raw(t.url, '/metrics')).headers['content-type']).toMatch(/^text\/plain/);

    const post = await raw(t.url, '/summits', { 'Content-Type': 'application/json' }, 'POST');
    expect(post.status).toBe(404);
    expect(post.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('A web client folder with files of every kind', () => {
  let t: TestApp;
  let webDir: string;
  const page = '<!doctype html><title>Plenary</title>' + '<p>page</p>'.repeat(200);
  const chunk = 'export const agenda = 1;\n'.repeat(400);

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'plenary-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), page);
    // Stored in gzip only.
    writeFileSync(join(webDir, 'assets', 'agenda-AbCd1234.js'), chunk);
    writeFileSync(join(webDir, 'assets', 'agenda-AbCd1234.js.gz'), gzipSync(chunk));
    // An image, compressed already: no copies.
    writeFileSync(join(webDir, 'assets', 'emblem-Ef567890.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(webDir, '.env'), 'SECRET=1');
    t = await startTestApp({ WEB_DIR: webDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends the copies there are: gzip to a browser that prefers brotli when only gzip is stored', async () => {
    const res = await raw(t.url, '/assets/agenda-AbCd1234.js', { 'Accept-Encoding': 'br, gzip' });

    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(chunk);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('sends a file with no copies as it is, without varying on Accept-Encoding', async () => {
    const res = await raw(t.url, '/assets/emblem-Ef567890.png', { 'Accept-Encoding': 'br, gzip' });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(varyNames(res)).not.toContain('accept-encoding');
    expect(res.body.length).toBe(8);
  });

  it('has files outside /assets/ checked again on every use', async () => {
    const res = await raw(t.url, '/favicon.svg');

    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('never sends a hidden file, and sends the page uncompressed when it has no copies', async () => {
    const res = await raw(t.url, '/.env', { 'Accept-Encoding': 'gzip' });

    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(page);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
