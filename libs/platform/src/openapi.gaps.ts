import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES_EXTENSION } from './api-operations';
import { PROBLEM_SCHEMA, exampleOf } from './openapi.document';
import { PROBLEM_CONTENT_TYPE, type StatusByCode } from './problem';

type Json = Record<string, unknown>;
type MediaType = { schema?: Json; example?: unknown; examples?: unknown };
type Response = { description?: string; content?: Record<string, MediaType>; headers?: Json } & Json;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

// A schema that says something: a reference, an object with properties, a list, or a typed scalar.
const isEmpty = (schema: Json | undefined): boolean =>
  schema === undefined ||
  Object.keys(schema).length === 0 ||
  (schema.type === 'object' &&
    schema.properties === undefined &&
    schema.additionalProperties === undefined &&
    schema.allOf === undefined);

const successGaps = (name: string, responses: Record<string, Response>, schemas: Json): string[] => {
  const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
  if (success.length === 0) return [`${name}: no 2xx response documented`];
  const gaps: string[] = [];
  for (const [status, response] of success) {
    if (status === '204') continue;
    const media = Object.entries(response.content ?? {});
    if (media.length === 0) gaps.push(`${name}: ${status} has no content (no schema)`);
    for (const [type, { schema, example, examples }] of media) {
      if (isEmpty(schema)) {
        gaps.push(`${name}: ${status} ${type} has an empty schema`);
        continue;
      }
      if (example !== undefined || examples !== undefined) continue;
      const missing: string[] = [];
      if (exampleOf(schema, schemas, missing) === undefined)
        gaps.push(`${name}: ${status} ${type} has no example (none for ${missing.join(', ')})`);
    }
  }
  return gaps;
};

const problemGaps = (
  name: string,
  responses: Record<string, Response>,
  statusByCode: StatusByCode,
): string[] => {
  const gaps: string[] = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]\d\d$/.test(status)) continue;
    const schema = response.content?.[PROBLEM_CONTENT_TYPE]?.schema;
    if (!JSON.stringify(schema ?? {}).includes(`#/components/schemas/${PROBLEM_SCHEMA}`))
      gaps.push(`${name}: ${status} is not described by the ${PROBLEM_SCHEMA} schema (problem+json)`);
    const codes = response[ERROR_CODES_EXTENSION] as string[] | undefined;
    if (codes === undefined || codes.length === 0) {
      gaps.push(`${name}: ${status} lists no error codes (${ERROR_CODES_EXTENSION}; use ApiProblem)`);
      continue;
    }
    for (const code of codes) {
      const mapped = statusByCode[code];
      if (mapped === undefined) gaps.push(`${name}: ${status} lists ${code}, which no error map declares`);
      else if (String(mapped) !== status)
        gaps.push(`${name}: ${status} lists ${code}, which its error map answers with ${mapped}`);
    }
  }
  return gaps;
};

// 201 for a POST that creates a resource (its Location header says where), 200 for one that changes one,
// 202 for one that starts work to follow up.
const statusGaps = (name: string, method: string, responses: Record<string, Response>): string[] => {
  if (method !== 'post') return [];
  const gaps: string[] = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    if (!['200', '201', '202'].includes(status))
      gaps.push(`${name}: a POST answers 200 (changed), 201 (created) or 202 (accepted), not ${status}`);
    if (status === '201' && response.headers?.Location === undefined)
      gaps.push(`${name}: 201 creates a resource but documents no Location header (200 if it changes one)`);
  }
  return gaps;
};

/**
 * What the OpenAPI document fails to say, one line per gap naming the operation (`POST /v1/claims`) or
 * schema: every operation in one described group, a 2xx with a schema and an example, every 4xx/5xx
 * problem+json with the codes it can carry (each mapped to that status by `statusByCode`), POST statuses
 * by the convention, and a whole example for every named schema.
 */
export const openApiGaps = (document: OpenAPIObject, statusByCode: StatusByCode): string[] => {
  const schemas = (document.components?.schemas ?? {}) as Json;
  const described = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description ?? '']));
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Json)[method] as
        | { tags?: string[]; deprecated?: boolean; responses?: Record<string, Response> }
        | undefined;
      if (operation === undefined) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const tags = operation.tags ?? [];
      if (tags.length !== 1) gaps.push(`${name}: in ${tags.length} groups (tags), not 1`);
      for (const tag of tags)
        if (!described.get(tag)) gaps.push(`${name}: group "${tag}" has no description in API_TAGS`);
      const responses = operation.responses ?? {};
      // a retired route (deprecated, every answer a problem) has no success to describe
      const retired = operation.deprecated === true && !Object.keys(responses).some((s) => s.startsWith('2'));
      gaps.push(
        ...(retired ? [] : successGaps(name, responses, schemas)),
        ...problemGaps(name, responses, statusByCode),
        ...statusGaps(name, method, responses),
      );
    }
  }
  for (const [name, schema] of Object.entries(schemas)) {
    const missing: string[] = [];
    if (exampleOf(schema as Json, schemas, missing, '', [name]) === undefined)
      gaps.push(`schema ${name}: no example (none for ${missing.join(', ')})`);
  }
  return gaps;
};
