import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from '@plenary/config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** One JSON object per line by default, for log collectors; plain text with LOG_JSON=false. */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logJson'>): ConsoleLogger {
  const logLevels = LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  return new ConsoleLogger({ json: config.logJson, logLevels, colors: !config.logJson && process.stdout.isTTY });
}
