import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from '@plenary/config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's account of its own start-up: a line per module, controller, route and
 * socket message handler (some 130 in all). Useful when chasing a routing
 * problem, noise otherwise: logged at the debug level.
 */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory', 'NestApplication']);

/**
 * The server's logger: one JSON object per line for log collectors, or one
 * readable line per event at a terminal (LOG_JSON; see the configuration),
 * with Nest's start-up chatter kept for LOG_LEVEL=debug.
 */
export class PlenaryLogger extends ConsoleLogger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) this.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }

  /** At a terminal the process id is noise: one process writes there. */
  protected override formatMessage(
    logLevel: LogLevel,
    message: unknown,
    _pidMessage: string,
    formattedLogLevel: string,
    contextMessage: string,
    timestampDiff: string,
  ): string {
    return super.formatMessage(logLevel, message, '', formattedLogLevel, contextMessage, timestampDiff);
  }

  /** Objects (such as the request log's) print as `key=value` pairs on one line rather than an inspected tree. */
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    if (message === null || typeof message !== 'object' || Array.isArray(message) || Object.getPrototypeOf(message) !== Object.prototype) {
      return super.stringifyMessage(message, logLevel) as string;
    }
    const pairs = Object.entries(message).map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
    return this.colorize(pairs.join(' '), logLevel);
  }
}

export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logJson'>): PlenaryLogger {
  const logLevels = LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  return new PlenaryLogger({ json: config.logJson, logLevels, colors: !config.logJson && Boolean(process.stdout.isTTY) });
}
