// What a test server logs, kept for the suite to read: whether bad input
// made the server log an error or a stack trace.
import type { LoggerService } from '@nestjs/common';
import { inspect } from 'node:util';

export interface LogEntry {
  level: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  context: string | undefined;
  text: string;
}

const STACK_FRAME = /\n\s+at \S/;

/** A Nest logger that keeps every entry instead of printing it; warnings and errors are printed too, so that a failing suite shows them. */
export class RecordingLogger implements LoggerService {
  readonly entries: LogEntry[] = [];

  constructor(private readonly print = true) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.keep('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.keep('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.keep('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.keep('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.keep('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.keep('fatal', message, rest);
  }

  /** Entries at the error level or above, and any entry carrying a stack trace. */
  problems(): LogEntry[] {
    return this.entries.filter((e) => e.level === 'error' || e.level === 'fatal' || STACK_FRAME.test(e.text));
  }

  /** Forgets what was kept so far (the set-up's entries, say). */
  clear(): void {
    this.entries.length = 0;
  }

  private keep(level: LogEntry['level'], message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const parts = [message, ...rest.slice(0, context === undefined ? rest.length : -1)].map((part) => (typeof part === 'string' ? part : inspect(part, { depth: 4 })));
    const entry = { level, context, text: parts.join('\n') };
    this.entries.push(entry);
    if (this.print && (level === 'error' || level === 'fatal' || level === 'warn')) process.stderr.write(`[test server ${level}] ${context ?? ''} ${entry.text}\n`);
  }
}
