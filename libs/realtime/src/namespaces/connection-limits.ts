/**
 * Counts open connections by key (a person, a client address) on this
 * process, refusing one beyond the limit. Counts are per process: with
 * several processes behind a load balancer, each holds its own.
 */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(readonly limit: number) {}

  /** Whether one more connection under `key` would still be within the limit. */
  hasRoom(key: string): boolean {
    return (this.open.get(key) ?? 0) < this.limit;
  }

  /** Counts a connection under `key`, unless that would pass the limit; the returned release is idempotent. */
  take(key: string): (() => void) | null {
    const count = this.open.get(key) ?? 0;
    if (count >= this.limit) return null;
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }

  /** Connections open under `key`. */
  count(key: string): number {
    return this.open.get(key) ?? 0;
  }
}
