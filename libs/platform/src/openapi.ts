import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from './actor';
import { documentExamples, documentProblems, documentTags } from './openapi.document';
import { registerDocumentedProblems } from './problem-coverage';
import { documentRouteRoles, routeRoleTable } from './route-roles';

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

const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Retry-safe POST: the same key with the same body returns the first response; with another body, ' +
    '422 IDEMPOTENCY_KEY_REUSED; while the first request runs, 409 IDEMPOTENCY_KEY_IN_PROGRESS.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

// Every non-public POST takes an Idempotency-Key (the global interceptor handles it).
const documentIdempotencyKey = (document: OpenAPIObject): OpenAPIObject => {
  for (const item of Object.values(document.paths)) {
    const post = item.post;
    if (post === undefined || (Array.isArray(post.security) && post.security.length === 0)) continue;
    const parameters = (post.parameters ??= []);
    if (!parameters.some((p) => 'name' in p && p.name.toLowerCase() === 'idempotency-key')) {
      parameters.push(IDEMPOTENCY_KEY_PARAMETER as (typeof parameters)[number]);
    }
  }
  return document;
};

/**
 * Serves Swagger UI at `/docs` and the document at `/openapi.json`, with a bearer (JWT) scheme and each
 * operation's roles (`x-roles` and a "Roles:" line in its description).
 */
export const setupOpenApi = (app: INestApplication, options: OpenApiOptions): OpenAPIObject => {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version ?? '0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME);
  const built = documentIdempotencyKey(
    documentRouteRoles(
      markPublicOperations(SwaggerModule.createDocument(app, builder.build())),
      routeRoleTable(app),
    ),
  );
  const document = documentExamples(documentTags(documentProblems(built)));
  registerDocumentedProblems(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: options.title,
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
};
