import type { IntegrationEvent, UnitDeployed, UnitSelected } from '@coe/contracts';
import type { EventStore } from '@coe/event-store';
import { EventSourcingModule, MessagingRuntime, serviceSchema } from '@coe/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MOU_SCHEMA } from '../mou-negotiation.options';
import { type MouTestApp, startMouTestApp } from '../mou-negotiation.test-app';
import type { MouDetail } from '../mou/mou.read-model';
import { MouWriter } from '../mou/mou.writer';
import { draftMouOnUnitSelected, mouIdOfUnit } from './draft-mou-on-unit-selected.policy';

// Force generation's store in the same process, written to directly: the policies read it in-process.
@Module({})
class ForceGenerationStoreModule {
  static register(schemaPrefix: string): DynamicModule {
    return {
      module: ForceGenerationStoreModule,
      imports: [
        EventSourcingModule.forService({
          service: 'force-generation',
          schema: serviceSchema('force-generation', schemaPrefix),
        }),
      ],
    };
  }
}

let t: MouTestApp;
let forceGeneration: EventStore;
const forceGenerationActor = { actor: { sub: 'fg-clerk', roles: ['mou-clerk'] } };

beforeAll(async () => {
  t = await startMouTestApp('in-process', (_config, prefix) => [ForceGenerationStoreModule.register(prefix)]);
  forceGeneration = t.app
    .get(MessagingRuntime)
    .storesInProcess()
    .find((s) => s.service === 'force-generation')!.store;
});
afterAll(async () => {
  await t?.pool.query(
    `drop schema if exists ${t.schema.replace('mou_negotiation', 'force_generation')} cascade`,
  );
  await t?.close();
});

const selection = (unitId: string, mission: string): UnitSelected => ({
  unitId,
  pledgeId: `pledge-${unitId}`,
  mission,
  contributor: 'BGD',
  unitName: `Unit ${unitId.slice(0, 4)}`,
  unitType: 'ENG',
  personnel: 275,
  selectedOn: '2019-02-01',
});

const record = (unitId: string, type: string, data: object, effectiveOn: string) =>
  forceGeneration.append(`unit-${unitId}`, [{ type, data, effectiveOn }], { metadata: forceGenerationActor });

const mouOf = async (unitId: string): Promise<MouDetail | undefined> => {
  const response = await t
    .http()
    .get(`/v1/mous/${mouIdOfUnit(unitId)}`)
    .set(await t.auth('auditor'));
  return response.status === 200 ? (response.body as MouDetail) : undefined;
};

const eventually = async <T>(
  probe: () => Promise<T | undefined>,
  done: (value: T) => boolean = () => true,
): Promise<T> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('Force generation policies', () => {
  it('draft an MOU for a selected unit, with the next free reference, negotiation opening on the selection date', async () => {
    const unitId = randomUUID();
    await record(unitId, 'UnitSelected', selection(unitId, 'MINURSO'), '2019-02-01');
    const mou = await eventually(() => mouOf(unitId));
    expect(mou).toMatchObject({
      mouRef: 'DOS/MINURSO/BGD/01',
      mission: 'MINURSO',
      contributor: 'BGD',
      unitId,
      unitType: 'ENG',
      negotiationOpenedOn: '2019-02-01',
      annexes: { personnelCeiling: 275 },
      status: 'negotiating',
    });
    expect(mou.history).toEqual([
      expect.objectContaining({ type: 'MouDrafted', actor: { sub: 'mou-negotiation:policy', roles: [] } }),
    ]);

    const next = randomUUID();
    await record(next, 'UnitSelected', selection(next, 'MINURSO'), '2019-02-01');
    expect((await eventually(() => mouOf(next))).mouRef).toBe('DOS/MINURSO/BGD/02');
  });

  it('record the deployment and repatriation of a unit on its MOU', async () => {
    const unitId = randomUUID();
    await record(unitId, 'UnitSelected', selection(unitId, 'UNMOGIP'), '2019-02-01');
    await eventually(() => mouOf(unitId));
    const moved = { unitId, mission: 'UNMOGIP', contributor: 'BGD' };
    await record(
      unitId,
      'UnitDeployed',
      { ...moved, deployedOn: '2019-04-01' } satisfies UnitDeployed,
      '2019-04-01',
    );
    await record(unitId, 'UnitRepatriated', { ...moved, repatriatedOn: '2020-04-01' }, '2020-04-01');
    const mou = await eventually(
      () => mouOf(unitId),
      (m) => m.repatriatedOn !== null,
    );
    expect(mou).toMatchObject({ deployedOn: '2019-04-01', repatriatedOn: '2020-04-01' });
    expect(mou.history.map((h) => [h.type, h.effectiveOn])).toEqual([
      ['MouDrafted', '2019-02-01'],
      ['MouUnitDeployed', '2019-04-01'],
      ['MouUnitRepatriated', '2020-04-01'],
    ]);
  });

  it('remember a deployment learned before the MOU exists and apply it when the MOU is drafted', async () => {
    const unitId = randomUUID();
    await record(
      unitId,
      'UnitDeployed',
      { unitId, mission: 'UNTSO', contributor: 'BGD', deployedOn: '2019-03-10' },
      '2019-03-10',
    );
    await eventually(async () => {
      const { rows } = await t.pool.query(
        `select moved_on from ${t.schema}.pending_unit_movements where unit_id = $1`,
        [unitId],
      );
      return rows[0];
    });
    expect(await mouOf(unitId)).toBeUndefined();
    await forceGeneration.append(
      `unit-other-${unitId}`,
      [{ type: 'UnitSelected', data: selection(unitId, 'UNTSO'), effectiveOn: '2019-02-01' }],
      {
        metadata: forceGenerationActor,
      },
    );
    const mou = await eventually(
      () => mouOf(unitId),
      (m) => m.deployedOn !== null,
    );
    expect(mou.history.map((h) => h.type)).toEqual(['MouDrafted', 'MouUnitDeployed']);
    expect(mou.deployedOn).toBe('2019-03-10');
    const { rows } = await t.pool.query(
      `select 1 from ${t.schema}.pending_unit_movements where unit_id = $1`,
      [unitId],
    );
    expect(rows).toEqual([]);
  });

  it('draft nothing more when the same selection is handled again', async () => {
    const unitId = randomUUID();
    await record(unitId, 'UnitSelected', selection(unitId, 'UNMIL'), '2019-02-01');
    await eventually(() => mouOf(unitId));
    const [stored] = await forceGeneration.readStream(`unit-${unitId}`);
    const event: IntegrationEvent = { ...stored!, id: stored!.eventId, source: '/coe/force-generation' };
    // straight to the handler, past the processed-event check a redelivery normally stops at
    const handler = draftMouOnUnitSelected(
      t.app.get(MouWriter, { strict: false }),
      t.app.get(MOU_SCHEMA, { strict: false }),
    );
    const before = await t.eventCount();
    const tx = await t.pool.connect();
    try {
      await tx.query('begin');
      await handler.handle(event, tx);
      await tx.query('commit');
    } finally {
      tx.release();
    }
    expect(await t.eventCount()).toBe(before);
  });
});
