import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from './actor';

export type OpenApiOptions = { title: string; description: string; version?: string };

export const BEARER_SCHEME = 'bearer';

// Every operation needs the bearer token unless its handler is marked @Public().
const markPublicOperations = (document: OpenAPIObject): OpenAPIObject => {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !(PUBLIC_OPERATION_EXTENSION in operation))
        continue;
      const op = operation as Record<string, unknown>;
      delete op[PUBLIC_OPERATION_EXTENSION];
      op.security = [];
    }
  }
  return document;
};

/** Serves Swagger UI at `/docs` and the document at `/openapi.json`, with a bearer (JWT) scheme. */
export const setupOpenApi = (app: INestApplication, options: OpenApiOptions): OpenAPIObject => {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version ?? '0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME);
  const document = markPublicOperations(SwaggerModule.createDocument(app, builder.build()));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: options.title,
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
};
