import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES_EXTENSION } from './api-operations';
import { API_TAGS } from './api-tags';
import { PROBLEM_CONTENT_TYPE } from './problem';

// What the platform adds to the document Nest builds from the decorators: the problem+json schema of every
// error answer with the codes it can carry, the codes every protected or writing route can answer, the
// groups' descriptions, and a whole example for every named schema.

type Json = Record<string, unknown>;
type Operation = { security?: unknown[]; parameters?: unknown[]; requestBody?: unknown; responses: Json };

export const PROBLEM_SCHEMA = 'Problem';

const PROBLEM = {
  type: 'object',
  description:
    'RFC 9457 problem details. `code` is stable (SCREAMING_SNAKE_CASE); a 400 also lists `errors`; some ' +
    'codes add members (e.g. STALE_VERSION: expectedVersion, currentVersion).',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:coe:problem:validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request is invalid; see errors.' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', example: 'receivedOn' },
          message: { type: 'string', example: 'receivedOn must be a date (YYYY-MM-DD)' },
        },
      },
    },
  },
  example: {
    type: 'urn:coe:problem:validation-failed',
    title: 'Bad Request',
    status: 400,
    detail: 'The request is invalid; see errors.',
    code: 'VALIDATION_FAILED',
    errors: [{ field: 'receivedOn', message: 'receivedOn must be a date (YYYY-MM-DD)' }],
  },
};

const AUTHENTICATION_CODES = [
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'CONTRIBUTOR_CLAIM_REQUIRED',
];

// Codes any route answers by its kind, whatever it declares: the guard's, the validation pipe's, the
// idempotency interceptor's.
const implicitCodes = (method: string, operation: Operation): Record<number, string[]> => {
  const secured = !(Array.isArray(operation.security) && operation.security.length === 0);
  const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
  const write = method === 'post' && secured;
  const codes: Record<number, string[]> = {};
  const add = (status: number, ...list: string[]) => (codes[status] = [...(codes[status] ?? []), ...list]);
  if (takesInput) add(400, 'VALIDATION_FAILED');
  if (operation.requestBody !== undefined) add(400, 'MALFORMED_JSON');
  if (secured) {
    add(401, ...AUTHENTICATION_CODES);
    add(403, 'FORBIDDEN');
  }
  if (write) {
    add(400, 'INVALID_IDEMPOTENCY_KEY');
    add(409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
    add(422, 'IDEMPOTENCY_KEY_REUSED');
  }
  return codes;
};

const problemContent = (codes: string[]) => ({
  [PROBLEM_CONTENT_TYPE]: {
    schema: {
      allOf: [
        { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` },
        { type: 'object', properties: { code: { type: 'string', enum: codes } } },
      ],
    },
  },
});

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Missing, malformed, badly signed or expired token',
  403: 'Not permitted',
};

/** Every 4xx/5xx answer: problem+json, `code` limited to its codes, which `x-error-codes` lists. */
export const documentProblems = (document: OpenAPIObject): OpenAPIObject => {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[PROBLEM_SCHEMA] = PROBLEM;
  for (const item of Object.values(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (typeof value !== 'object' || value === null || !('responses' in value)) continue;
      const operation = value as Operation;
      const implicit = implicitCodes(method, operation);
      for (const status of Object.keys(implicit).map(Number)) {
        const response = (operation.responses[status] ??= { description: STATUS_TEXT[status] }) as Json;
        const declared = (response[ERROR_CODES_EXTENSION] as string[] | undefined) ?? [];
        response[ERROR_CODES_EXTENSION] = [...new Set([...declared, ...implicit[status]!])];
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const codes = (response as Json)[ERROR_CODES_EXTENSION] as string[] | undefined;
        if (Number(status) < 400 || codes === undefined) continue;
        (response as Json).content = problemContent(codes);
      }
    }
  }
  return document;
};

/** The document's tags: those its operations use, in the order of the work, with their descriptions. */
export const documentTags = (document: OpenAPIObject): OpenAPIObject => {
  const used = new Set(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((op) =>
        typeof op === 'object' && op !== null && 'tags' in op ? ((op as { tags?: string[] }).tags ?? []) : [],
      ),
    ),
  );
  document.tags = API_TAGS.filter((tag) => used.has(tag.name)).map((tag) => ({ ...tag }));
  return document;
};

// Values for properties whose type says enough; anything else needs its own example.
const typedExample = (schema: Json): unknown => {
  if (schema.enum !== undefined) return (schema.enum as unknown[])[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.type === 'boolean') return false;
  if (schema.format === 'uuid') return '0b9f6d2e-5c1a-4e8b-9a3f-7d2c1e4b5a60';
  if (schema.format === 'date-time') return '2019-10-31T09:30:00.000Z';
  if (schema.format === 'date') return '2019-10-31';
  return undefined;
};

/**
 * The example of a schema: its own, or composed from its properties' (through `$ref`, arrays and
 * `allOf`); undefined when some required part has none, whose path is then added to `missing`.
 */
export const exampleOf = (
  schema: Json | undefined,
  schemas: Json,
  missing: string[] = [],
  path = '',
  seen: string[] = [],
): unknown => {
  const none = () => {
    missing.push(path || '(the schema itself)');
    return undefined;
  };
  if (schema === undefined) return none();
  if (schema.example !== undefined) return schema.example;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').at(-1)!;
    if (seen.includes(name)) return none();
    // a named schema's own gaps are its own: here only the reference is named
    const value = exampleOf(schemas[name] as Json | undefined, schemas, [], path, [...seen, name]);
    if (value === undefined) missing.push(`${path || '(the schema itself)'}: schema ${name}`);
    return value;
  }
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as Json[]).map((part) => exampleOf(part, schemas, missing, path, seen));
    return parts.includes(undefined) ? undefined : Object.assign({}, ...parts);
  }
  if (schema.type === 'array') {
    const item = exampleOf(schema.items as Json | undefined, schemas, missing, `${path}[]`, seen);
    return item === undefined ? undefined : [item];
  }
  const typed = typedExample(schema);
  if (typed !== undefined) return typed;
  if (schema.properties === undefined) return none();
  const example: Json = {};
  const required = (schema.required as string[] | undefined) ?? [];
  let whole = true;
  for (const [name, property] of Object.entries(schema.properties as Record<string, Json>)) {
    const inner: string[] = [];
    const value = exampleOf(property, schemas, inner, path ? `${path}.${name}` : name, seen);
    if (value !== undefined) example[name] = value;
    else if (property.nullable === true) example[name] = null;
    else if (required.includes(name)) {
      missing.push(...inner);
      whole = false;
    }
  }
  return whole ? example : undefined;
};

/** Gives every named schema a whole example, composed from its properties' examples where it has none. */
export const documentExamples = (document: OpenAPIObject): OpenAPIObject => {
  const schemas = (document.components?.schemas ?? {}) as Json;
  for (const [name, schema] of Object.entries(schemas)) {
    const example = exampleOf(schema as Json, schemas, [], '', [name]);
    if (example !== undefined) (schema as Json).example = example;
  }
  return document;
};
