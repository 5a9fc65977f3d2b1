import { DomainError } from './errors/domain.error';
import { ErrorCode } from './errors/error-code';

/**
 * How deep untrusted JSON may nest. No request of ours nests beyond a few
 * levels; the DTO machinery (class-transformer, class-validator) recurses once
 * per level and overflows the stack a few thousand levels down.
 */
export const MAX_JSON_DEPTH = 32;

/** Keys that name an object's prototype machinery: refused so that no code path ever assigns or looks them up. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A UTF-16 surrogate without its other half: no UTF-8 encoding exists for it, so URI and e-mail code throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A key short and plain enough to be quoted back in an error message. */
const QUOTABLE_KEY = /^[A-Za-z0-9_$-]{1,64}$/;

interface Node {
  value: unknown;
  parent: Node | null;
  key: string | number | null;
  depth: number;
}

function pathOf(node: Node, root: string): string {
  const parts: string[] = [];
  for (let at: Node | null = node; at && at.key !== null; at = at.parent) {
    parts.push(typeof at.key === 'number' ? `[${at.key}]` : QUOTABLE_KEY.test(at.key) ? `.${at.key}` : '.[key]');
  }
  return root + parts.reverse().join('');
}

function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return null;
}

/**
 * The first problem of a value parsed from untrusted JSON (a request body, a
 * query string, a socket payload), or null when it is fit for the DTOs:
 * nesting deeper than `MAX_JSON_DEPTH`, a `__proto__`, `constructor` or
 * `prototype` key, a lone surrogate or a NUL in a string or a key. The walk
 * keeps its own stack, so that it survives the very depths it refuses.
 */
export function untrustedJsonProblem(value: unknown, root = 'payload'): string | null {
  const pending: Node[] = [{ value, parent: null, key: null, depth: 0 }];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const { value: current, depth } = node;
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) return `${pathOf(node, root)} ${problem}`;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `${pathOf(node, root)} nests deeper than ${MAX_JSON_DEPTH} levels`;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) pending.push({ value: current[i], parent: node, key: i, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(current);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return `${pathOf(node, root)} has a key "${key}", which is never accepted`;
      const problem = stringProblem(key);
      if (problem) return `a key of ${pathOf(node, root)} ${problem}`;
    }
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      pending.push({ value: (current as Record<string, unknown>)[keys[i]], parent: node, key: keys[i], depth: depth + 1 });
    }
  }
  return null;
}

/** Throws VALIDATION_FAILED naming the problem of untrusted JSON, if it has one (see `untrustedJsonProblem`). */
export function assertFitJson(value: unknown, root = 'payload'): void {
  const problem = untrustedJsonProblem(value, root);
  if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
}
