import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig } from '@plenary/config';
import { FirstAdminService } from '@plenary/identity';
import type { AddressInfo } from 'node:net';
import { configureApp, configureRealtime } from './app.setup';
import { servedAt } from './listening-address';
import { createLogger } from './logger';

/**
 * Starts a Plenary server process: the configuration from the environment
 * (a wrong one ends the process with its message and exit code 78), the
 * application of `rootModule` configured and listening, the first host
 * administrator ensured, and the start line logged. `main.ts` serves
 * `AppModule`; a benchmark serves it with a route of its own beside.
 */
export async function serve(rootModule: (config: AppConfig) => DynamicModule | Type): Promise<{ app: INestApplication; config: AppConfig }> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(rootModule(config), { logger, bodyParser: false });
  configureApp(app, config);
  await configureRealtime(app, config);
  await app.listen(config.port, config.host);
  await app.get(FirstAdminService).ensureHostAdmin();
  // The port bound, which PORT=0 leaves to the system.
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`Plenary is listening on ${servedAt(config, port)}`, 'Plenary');
  return { app, config };
}
