import { DomainError, ErrorCode, sendError } from '@plenary/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { chooseEncoding, CONTENT_CODINGS, type ContentCoding, type Encoding } from './accept-encoding';

/** Paths the server answers itself; everything else under / is the web client. */
const SERVER_PATHS = ['/api', '/health', '/metrics', '/socket.io'];
/** Vite names every file under /assets/ after a hash of its content: a new build gives new names. */
const ASSETS = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Kept, but asked again on every use (an ETag makes that a 304): a new build shows at the next page load. */
const REVALIDATE = 'no-cache';
const EXTENSION_OF: Record<ContentCoding, string> = { br: '.br', gzip: '.gz' };

interface StoredFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** A file of the build and the compressed copies written beside it (`.br`, `.gz`). */
interface WebClientFile {
  identity: StoredFile;
  codings: Map<ContentCoding, StoredFile>;
}

function isServerPath(path: string): boolean {
  return SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the built web client (WEB_DIR) to GET and HEAD requests outside the
 * server's own paths:
 * - each file in the encoding the request prefers among those stored (see
 *   `chooseEncoding`: brotli, gzip, or the file itself), with its own
 *   Content-Type, the Content-Length of what is sent, `Vary: Accept-Encoding`
 *   when there is a choice, and an ETag per encoding (If-None-Match gives 304);
 * - hashed files under /assets/ cached for a year and never asked again,
 *   and a 404 for one that is not there (a page of an older build asking for
 *   its own files) rather than the page;
 * - any other path that is not a file gets index.html, for the client's
 *   router to show (a deep link, a reload), and index.html is never used
 *   from a cache without asking, so that a new build reaches everyone.
 */
export function serveWebClient(webDir: string): RequestHandler {
  const client = new WebClientFolder(resolve(webDir));
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    client.answer(req, res).catch((error: unknown) => sendError(res, error));
  };
}

class WebClientFolder {
  constructor(private readonly root: string) {}

  async answer(req: Request, res: Response): Promise<void> {
    const asset = req.path.startsWith(ASSETS);
    const file = (await this.find(req.path)) ?? (asset ? null : await this.find('/index.html'));
    if (!file) {
      res.setHeader('Cache-Control', REVALIDATE);
      return sendError(res, new DomainError(ErrorCode.NotFound, 'There is no such file'));
    }
    const encoding = chooseEncoding(req.headers['accept-encoding'], [...file.codings.keys()]);
    const sent = encoding === 'identity' ? file.identity : file.codings.get(encoding)!;
    res.setHeader('Cache-Control', asset ? IMMUTABLE : REVALIDATE);
    if (file.codings.size > 0) res.vary('Accept-Encoding');
    res.setHeader('ETag', entityTag(sent, encoding));
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type(extname(file.identity.path) || 'application/octet-stream');
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(sent.size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    pipeline(createReadStream(sent.path), res, (error) => {
      // A file removed between the look-up and the read (a build in progress): an error while nothing is sent yet.
      if (error && !res.headersSent) {
        for (const name of ['Content-Encoding', 'Content-Length', 'ETag', 'Vary']) res.removeHeader(name);
        res.setHeader('Cache-Control', REVALIDATE);
        sendError(res, error);
      }
    });
  }

  /** The file at a URL path and its compressed copies, or null when it is not a file inside the web client's folder. */
  private async find(urlPath: string): Promise<WebClientFile | null> {
    const path = this.pathOf(urlPath);
    if (!path) return null;
    const [identity, ...copies] = await Promise.all([path, ...CONTENT_CODINGS.map((coding) => path + EXTENSION_OF[coding])].map(storedFile));
    if (!identity) return null;
    const codings = new Map<ContentCoding, StoredFile>();
    CONTENT_CODINGS.forEach((coding, index) => {
      const copy = copies[index];
      if (copy) codings.set(coding, copy);
    });
    return { identity, codings };
  }

  /** The file a URL path names inside the folder; null for anything that could lead outside it, or to a hidden file. */
  private pathOf(urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch (error) {
      if (error instanceof URIError) return null;
      throw error;
    }
    if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
    const path = resolve(this.root, `.${decoded}`);
    return path.startsWith(this.root + sep) ? path : null;
  }
}

async function storedFile(path: string): Promise<StoredFile | null> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
  return stats.isFile() ? { path, size: stats.size, mtimeMs: stats.mtimeMs } : null;
}

/** One tag per file and encoding: size and modification time, as Express's static server makes them. */
function entityTag(file: StoredFile, encoding: Encoding): string {
  const suffix = encoding === 'identity' ? '' : `-${encoding}`;
  return `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}${suffix}"`;
}
