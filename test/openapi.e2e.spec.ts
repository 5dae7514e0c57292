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

  const moneyOf = (row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row).filter(([, v]) => typeof v === 'string' && /^-?\d+\.\d\d$/.test(v)),
    );

  it('names a fund’s money in the cash-pool report as /v1/funds does', async () => {
    const finance = `Bearer ${await system.token({ roles: ['finance-officer'], sub: 'naming-finance' })}`;
    await system
      .http()
      .post('/v1/funds/MINUSMA/assessments')
      .set('Authorization', finance)
      .send({ amountUsd: '1000.00', receivedOn: '2019-08-15' })
      .expect(200);
    const funds = await system
      .http()
      .get('/v1/funds?asOf=2019-09-30')
      .set('Authorization', finance)
      .expect(200);
    const fund = (funds.body as Record<string, unknown>[]).find((f) => f.mission === 'MINUSMA')!;
    expect(moneyOf(fund)).toMatchObject({ receivedUsd: '1000.00', cashUsd: '1000.00' });
    // the projection follows the event in-process; a bounded wait for it, not a timing assertion
    let reported: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 100 && reported?.received !== '1000.00'; attempt++) {
      const report = await system
        .http()
        .get('/v1/reports/cash-pool?asOf=2019-09-30')
        .set('Authorization', finance);
      reported = (report.body.funds as Record<string, unknown>[]).find((f) => f.mission === 'MINUSMA');
      if (reported?.received !== '1000.00') await new Promise((r) => setTimeout(r, 100));
    }
    expect(reported).toMatchObject(moneyOf(fund));
  });

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
