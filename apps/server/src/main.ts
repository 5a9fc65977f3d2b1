import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@plenary/config';
import { FirstAdminService } from '@plenary/identity';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { configureApp, configureRealtime } from './app.setup';
import { servedAt } from './listening-address';
import { createLogger } from './logger';

async function bootstrap(): Promise<void> {
  let config;
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
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bodyParser: false });
  configureApp(app, config);
  await configureRealtime(app, config);
  await app.listen(config.port, config.host);
  await app.get(FirstAdminService).ensureHostAdmin();
  // The port bound, which PORT=0 leaves to the system.
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`Plenary is listening on ${servedAt(config, port)}`, 'Plenary');
}

bootstrap().catch((error: unknown) => {
  // A dependency that cannot be reached at start (the database, Redis) ends the process with one clear line.
  process.stderr.write(`Plenary could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
