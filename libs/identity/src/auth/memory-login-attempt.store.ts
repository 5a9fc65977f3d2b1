import { AttemptLimit, LoginAttemptStore } from './login-attempt.store';

/** Sliding windows in this process's memory: the store of one-process installs. */
export class MemoryLoginAttemptStore extends LoginAttemptStore {
  private readonly hits = new Map<string, number[]>();

  admit(limits: readonly AttemptLimit[], record: string, now: number, windowMs: number): Promise<number | null> {
    let retryAt: number | null = null;
    for (const { key, limit } of limits) {
      const recent = this.prune(key, now, windowMs);
      // The hit that must leave the window before another fits under the limit.
      if (recent.length >= limit) retryAt = Math.max(retryAt ?? 0, recent[recent.length - limit] + windowMs);
    }
    if (retryAt === null) this.push(record, now, windowMs);
    return Promise.resolve(retryAt);
  }

  add(key: string, now: number, windowMs: number): Promise<void> {
    this.push(key, now, windowMs);
    return Promise.resolve();
  }

  clear(key: string): Promise<void> {
    this.hits.delete(key);
    return Promise.resolve();
  }

  private push(key: string, now: number, windowMs: number): void {
    const recent = this.prune(key, now, windowMs);
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 100_000) this.sweep(now, windowMs);
  }

  private prune(key: string, now: number, windowMs: number): number[] {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length === 0) this.hits.delete(key);
    else this.hits.set(key, recent);
    return recent;
  }

  private sweep(now: number, windowMs: number): void {
    for (const key of [...this.hits.keys()]) this.prune(key, now, windowMs);
  }
}
