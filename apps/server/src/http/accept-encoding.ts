/**
 * Which content coding to answer with, from a request's Accept-Encoding
 * (RFC 9110 §12.5.3) and the codings a file is stored in besides its own
 * bytes. Pure, so that its rules can be read and tested on their own.
 */

/** The codings the web client's files are stored in, best first: brotli is smaller than gzip. */
export const CONTENT_CODINGS = ['br', 'gzip'] as const;
export type ContentCoding = (typeof CONTENT_CODINGS)[number];
export type Encoding = ContentCoding | 'identity';

/** `q=` is 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
/** A coding is a token (RFC 9110 §5.6.2). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The weight the request gives each coding it names, lower-cased, with
 * `x-gzip` read as `gzip` (RFC 9110 §8.4.1.3). An entry that is not a token
 * or whose q-value is malformed is left out, as if it were not there. When a
 * coding is named twice, its highest weight counts.
 */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    if (!name || !TOKEN.test(name)) continue;
    let weight = 1;
    let malformed = false;
    for (const param of params) {
      const [key, value = ''] = param.split('=').map((part) => part.trim());
      if (key.toLowerCase() !== 'q') continue;
      if (!QVALUE.test(value)) malformed = true;
      else weight = Number(value);
    }
    if (malformed) continue;
    const coding = name.toLowerCase() === 'x-gzip' ? 'gzip' : name.toLowerCase();
    weights.set(coding, Math.max(weights.get(coding) ?? 0, weight));
  }
  return weights;
}

/**
 * The encoding to send a file in, given the codings it is `available` in
 * (identity always is):
 * - no Accept-Encoding: identity, which every client reads (RFC 9110 allows
 *   any coding then, but a client that sends nothing may decode nothing);
 * - otherwise the available coding with the highest weight (`*` standing for
 *   any coding not named), brotli before gzip when they weigh the same;
 * - identity when no available coding is acceptable, or when the request
 *   names identity with a higher weight than the best of them. Identity is
 *   sent even when the request refuses it (`identity;q=0`) and accepts
 *   nothing available: a readable answer rather than 406 Not Acceptable.
 */
export function chooseEncoding(header: string | undefined, available: readonly ContentCoding[]): Encoding {
  if (header === undefined) return 'identity';
  const weights = parseAcceptEncoding(header);
  const wildcard = weights.get('*');
  const weightOf = (coding: Encoding): number | undefined => weights.get(coding) ?? wildcard;
  let best: ContentCoding | null = null;
  let bestWeight = 0;
  for (const coding of CONTENT_CODINGS) {
    if (!available.includes(coding)) continue;
    const weight = weightOf(coding) ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  if (best === null) return 'identity';
  const identity = weightOf('identity');
  return identity !== undefined && identity > bestWeight ? 'identity' : best;
}
