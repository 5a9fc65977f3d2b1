import { INestApplication, Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { DomainError, ErrorCode, HttpErrorFilter, sendError } from '@plenary/common';
import { AppConfig } from '@plenary/config';
import { PlenaryIoAdapter } from '@plenary/realtime';
import cookieParser from 'cookie-parser';
import { json, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheControl } from './http/cache-control.middleware';
import { RequestValidationPipe } from './http/request-validation.pipe';
import { inspectUntrustedInput } from './http/untrusted-input.middleware';
import { serveWebClient } from './http/web-client.middleware';
import { createApiDocument } from './openapi/api-document';

/** Everything applied to the HTTP application, shared by `main.ts` and the end-to-end tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          mediaSrc: ["'self'", 'blob:'],
        },
      },
      // Only an https PUBLIC_URL may tell browsers to insist on https: over http the header would lock users out.
      strictTransportSecurity: config.publicUrl.startsWith('https:'),
    }),
  );
  app.use(cacheControl);
  // The built web client, when there is one (`npm run build:web`); a server run without it serves the API alone.
  if (existsSync(join(config.webDir, 'index.html'))) app.use(serveWebClient(config.webDir));
  app.use(cookieParser());
  const parseJson = json({ limit: '256kb' });
  app.use((req: Request, res: Response, next: NextFunction) => parseJson(req, res, (err?: unknown) => (err ? sendError(res, err) : next())));
  app.use(inspectUntrustedInput);
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.useGlobalPipes(
    new RequestValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}).concat(e.children?.length ? [`${e.property} is invalid`] : []));
        return new DomainError(ErrorCode.ValidationFailed, messages.join('; ') || 'Invalid request');
      },
    }),
  );
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  if (config.apiDocs) {
    const document = createApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
  new Logger('Plenary').log(`Database: ${config.database.kind}`);
  return app;
}

/** The Socket.IO server, shared through Redis when REDIS_URL is set; call before the application listens. */
export async function configureRealtime(app: NestExpressApplication, config: AppConfig): Promise<void> {
  const adapter = new PlenaryIoAdapter(app, config);
  await adapter.connect();
  app.useWebSocketAdapter(adapter);
}
