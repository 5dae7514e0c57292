import { declaredErrorStatuses, openApiGaps } from '@coe/platform';
import type { OpenAPIObject } from '@nestjs/swagger';
import { writeFileSync } from 'node:fs';
import { type WholeSystem, startWholeSystem } from './support/whole-system';

// The document `npm start` serves at /openapi.json, walked operation by operation: a failure names each
// operation or schema and what it lacks (see openApiGaps for the rules, docs/api-conventions.md for why).
describe('the OpenAPI document of the single process', () => {
  let system: WholeSystem;
  let document: OpenAPIObject;

  beforeAll(async () => {
    system = await startWholeSystem();
    document = (await system.http().get('/openapi.json').expect(200)).body as OpenAPIObject;
    if (process.env.OPENAPI_DUMP) writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(document, null, 1));
  });

  afterAll(() => system?.close());

  it('says, for every operation, its group, its success schema with an example and its problem codes', () => {
    expect(openApiGaps(document, declaredErrorStatuses())).toEqual([]);
  });

  it('lists the groups in the order of the work, each with a description', () => {
    const names = (document.tags ?? []).map((tag) => tag.name);
    expect(names.slice(0, 4)).toEqual(['Statements of unit requirements', 'Pledges', 'Units', 'MOUs']);
    expect(document.tags!.find((t) => t.name === 'Pledges')!.description).toMatch(
      /L1\) → Assessment and Advisory Visit \(AAV\) → L2 → .* → L3 → .* selected/,
    );
  });
});
