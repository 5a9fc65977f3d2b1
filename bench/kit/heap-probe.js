'use strict';
/**
 * Preloaded into a benchmarked server (`node --expose-gc -r
 * bench/kit/heap-probe.js server.js`, with an IPC channel): asked over IPC,
 * it collects garbage and answers with the process's memory, so that the
 * benchmark reads live heap rather than RSS, which the allocator rounds
 * up and seldom gives back. `{ type: 'heap' }` answers `{ type: 'heap',
 * memory }`; `{ type: 'snapshot', path }` writes a heap snapshot there (for
 * finding where memory goes) and answers `{ type: 'snapshot', path }`.
 */
const v8 = require('node:v8');

if (typeof process.send === 'function') {
  process.on('message', (request) => {
    if (!request || typeof request !== 'object') return;
    if (request.type === 'heap') {
      // Twice: the first collection may leave what finalizers freed for the second.
      if (typeof global.gc === 'function') {
        global.gc();
        global.gc();
      }
      process.send({ type: 'heap', id: request.id, collected: typeof global.gc === 'function', memory: process.memoryUsage() });
    } else if (request.type === 'snapshot' && typeof request.path === 'string') {
      const path = v8.writeHeapSnapshot(request.path);
      process.send({ type: 'snapshot', id: request.id, path });
    }
  });
  // The channel alone must not keep a server that was asked to stop alive.
  process.channel.unref();
}
