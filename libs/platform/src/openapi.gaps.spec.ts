import type { OpenAPIObject } from '@nestjs/swagger';
import { documentExamples, documentProblems, documentTags } from './openapi.document';
import { openApiGaps } from './openapi.gaps';

// A document as Nest builds it from the decorators, then as the platform completes it.
const built = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}): OpenAPIObject =>
  documentExamples(
    documentTags(
      documentProblems({
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
        paths,
        components: { schemas },
      } as unknown as OpenAPIObject),
    ),
  );

const pledge = () => ({
  type: 'object',
  required: ['pledgeId', 'level'],
  properties: { pledgeId: { type: 'string', format: 'uuid' }, level: { type: 'string', example: 'L2' } },
});
const ok = (ref: string) => ({
  description: 'ok',
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const statuses = { PLEDGE_NOT_FOUND: 404, PLEDGE_WITHDRAWN: 409 };

describe('the OpenAPI document walk', () => {
  it('finds nothing to say of a described operation', () => {
    const document = built(
      {
        '/v1/pledges/{pledgeId}': {
          get: {
            tags: ['Pledges'],
            parameters: [{ name: 'pledgeId', in: 'path' }],
            responses: {
              200: ok('Pledge'),
              404: { description: 'x', 'x-error-codes': ['PLEDGE_NOT_FOUND'] },
            },
          },
        },
      },
      { Pledge: pledge() },
    );
    expect(openApiGaps(document, { ...statuses, VALIDATION_FAILED: 400, ...auth })).toEqual([]);
    // the composed example, and the problem schema of the implicit answers
    expect((document.components!.schemas!.Pledge as { example: unknown }).example).toEqual({
      pledgeId: '0b9f6d2e-5c1a-4e8b-9a3f-7d2c1e4b5a60',
      level: 'L2',
    });
    expect(document.paths['/v1/pledges/{pledgeId}']!.get!.responses[401]).toMatchObject({
      'x-error-codes': ['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'CONTRIBUTOR_CLAIM_REQUIRED'],
    });
  });

  it('names each operation and what it lacks', () => {
    const document = built(
      {
        '/v1/pledges': {
          post: {
            tags: ['Unknown group'],
            security: [],
            responses: {
              201: ok('Pledge'),
              409: { description: 'x', 'x-error-codes': ['PLEDGE_NOT_FOUND', 'NO_SUCH_CODE'] },
              422: { description: 'no codes' },
            },
          },
          get: { tags: ['Pledges'], security: [], responses: { 200: { description: 'no content' } } },
        },
      },
      { Pledge: { ...pledge(), properties: { ...pledge().properties, level: { type: 'string' } } } },
    );
    expect(openApiGaps(document, statuses)).toEqual([
      'GET /v1/pledges: 200 has no content (no schema)',
      'POST /v1/pledges: group "Unknown group" has no description in API_TAGS',
      'POST /v1/pledges: 201 application/json has no example (none for (the schema itself): schema Pledge)',
      'POST /v1/pledges: 409 lists PLEDGE_NOT_FOUND, which its error map answers with 404',
      'POST /v1/pledges: 409 lists NO_SUCH_CODE, which no error map declares',
      'POST /v1/pledges: 422 is not described by the Problem schema (problem+json)',
      'POST /v1/pledges: 422 lists no error codes (x-error-codes; use ApiProblem)',
      'POST /v1/pledges: 201 creates a resource but documents no Location header (200 if it changes one)',
      'schema Pledge: no example (none for level)',
    ]);
  });
});

const auth = {
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  CONTRIBUTOR_CLAIM_REQUIRED: 401,
  FORBIDDEN: 403,
};
