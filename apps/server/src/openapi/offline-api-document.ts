import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@plenary/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { configureApp } from '../app.setup';
import { createApiDocument } from './api-document';

/**
 * The same document without a server to ask: the application is assembled on
 * a throw-away SQLite database and never listens, so the web client's types
 * can be generated (and checked) on any machine.
 */
export async function readApiDocumentOffline(): Promise<OpenAPIObject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-openapi-'));
  try {
    const config = loadConfig(
      { NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'plenary.sqlite')}`, LOG_LEVEL: 'error', API_DOCS: 'false' },
      dataDir,
      false,
    );
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['error'], bodyParser: false });
    try {
      configureApp(app, config);
      return createApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
