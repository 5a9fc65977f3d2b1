import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * The server's answers to reads (GET and HEAD: the API, its documentation,
 * the metrics) compressed with brotli or gzip, as the request accepts, when
 * larger than 1 KB: an agenda of a large summit shrinks tenfold. Answers to
 * writes are never compressed: they are the ones that carry secrets (access
 * tokens at sign-in, refresh and invitation acceptance, a calendar feed's
 * address, shown once), and a secret compressed beside text an attacker chose
 * can be guessed from the length of the answer (BREACH). The web client's
 * files are compressed at build time and never reach this.
 */
export function compressReads(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req: Request, res: Response) => (req.method === 'GET' || req.method === 'HEAD') && compression.filter(req, res),
  });
}
