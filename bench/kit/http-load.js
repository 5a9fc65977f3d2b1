'use strict';
/**
 * A small closed-loop HTTP load generator in the manner of autocannon:
 * `connections` keep-alive connections, each sending its next request as
 * soon as the previous answer has been read, for `seconds`. Latency is from
 * the request's start to the last byte of its answer.
 */
const http = require('node:http');
const { Histogram } = require('./histogram');

/** What one target answered during a segment or a phase. */
class LoadResult {
  constructor() {
    this.requests = 0;
    this.ok = 0;
    this.errors = {};
    this.bytes = 0;
    this.seconds = 0;
    this.latency = new Histogram();
  }

  summary() {
    return {
      seconds: Number(this.seconds.toFixed(2)),
      requests: this.requests,
      ok: this.ok,
      errors: this.errors,
      requestsPerS: this.seconds ? Number((this.ok / this.seconds).toFixed(1)) : null,
      kbPerResponse: this.ok ? Number((this.bytes / this.ok / 1024).toFixed(1)) : null,
      latencyMs: this.latency.summary(),
    };
  }
}

/** One GET, resolving to `{ status, body }` (the body as text). */
function get(url, headers, agent) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error('timed out')));
  });
}

/**
 * Loads `url` with `connections` requests in flight for `seconds`, adding
 * to `result`. An answer counts as ok when its status is 200 and, when
 * `expectedBytes` is given, its length is that; others are counted by
 * status or error message.
 */
async function load({ url, headers = {}, connections, seconds, expectedBytes, result = new LoadResult() }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const started = performance.now();
  const end = started + seconds * 1000;
  const fail = (reason) => {
    result.errors[reason] = (result.errors[reason] || 0) + 1;
  };
  const once = () =>
    new Promise((resolve) => {
      const sentAt = performance.now();
      const request = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'GET', headers, agent }, (response) => {
        let bytes = 0;
        response.on('data', (chunk) => {
          bytes += chunk.length;
        });
        response.on('end', () => {
          result.requests += 1;
          if (response.statusCode !== 200) fail(`HTTP ${response.statusCode}`);
          else if (expectedBytes !== undefined && bytes !== expectedBytes) fail(`${bytes} bytes instead of ${expectedBytes}`);
          else {
            result.ok += 1;
            result.bytes += bytes;
            result.latency.record(performance.now() - sentAt);
          }
          resolve();
        });
        response.on('error', (error) => {
          result.requests += 1;
          fail(error.message);
          resolve();
        });
      });
      request.on('error', (error) => {
        result.requests += 1;
        fail(error.message);
        resolve();
      });
      request.setTimeout(30_000, () => request.destroy(new Error('timed out')));
      request.end();
    });
  const worker = async () => {
    while (performance.now() < end) await once();
  };
  await Promise.all(Array.from({ length: connections }, worker));
  result.seconds += (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

module.exports = { LoadResult, get, load };
