import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of the running application, served at /api/docs-json and the source of the web client's API types. */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plenary API')
      .setDescription('Virtual summit coordination: accounts, organisations, delegations and access control.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth('plenary_refresh')
      .build(),
  );
}
