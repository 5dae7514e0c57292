// monthly-claims-run: units per second of `POST /v1/claim-runs`, which prepares the claims of every unit
// of a mission for a month in batches of 50 units per transaction (reimbursement alone, fresh schema of
// the bench database). Baseline `one-claim-per-request`: the same units' claims for another month
// prepared one `POST /v1/claims` at a time, as the finance office had to before. Both months have a
// verification report for every unit (untimed setup); rounds alternate which goes first.
import { MessagingModule, serviceSchema } from '@coe/messaging';
import { buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ReimbursementModule } from '../../services/reimbursement/src/reimbursement.module';
import { mouTermsInForcePolicy } from '../../services/reimbursement/src/mou-terms/mou-terms-in-force.policy';
import { unitMovementsPolicy } from '../../services/reimbursement/src/service-period/unit-movements.policy';
import {
  minusmaTerms,
  verificationReportBody,
} from '../../services/reimbursement/test/reimbursement.test-app';
import { createPool, dropSchema, randomName } from '../bench-infra';
import { resultOf } from '../bench-results';
import type { BenchContext, Workload } from './workload';

const SETUP_CONCURRENCY = 4;

const inParallel = async <T>(items: T[], work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: SETUP_CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
};

const month = (n: number): string => `2018-${String(n).padStart(2, '0')}`;

export const monthlyClaimsRunWorkload: Workload = {
  id: 'monthly-claims-run',
  async run({ databaseUrl, settings, log }: BenchContext) {
    const units = settings.quick ? 200 : 600;
    const config = parseConfig(
      { NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: 'bench-secret-0123456789abcdef0123' },
      { defaultPort: 0 },
    );
    const pool = createPool(databaseUrl, 6);
    const schemaPrefix = `${randomName('bmc')}_`;
    const schema = serviceSchema('reimbursement', schemaPrefix);
    let app: NestExpressApplication | undefined;
    try {
      app = await buildHttpApp(
        [
          MessagingModule.forRoot(config, 'none', 'bench'),
          ReimbursementModule.register({ config, schemaPrefix }),
        ],
        { config, database: { pool }, openApi: { title: 'COE Ledger', description: 'bench' }, logger: false },
      );
      await app.listen(0, '127.0.0.1');
      const http = request(app.getHttpServer());
      const officer = `Bearer ${await signToken(config, { roles: ['finance-officer'], sub: 'bench-officer' })}`;
      const policy = mouTermsInForcePolicy(schema);
      const movements = unitMovementsPolicy(schema);
      const mouIds = Array.from({ length: units }, () => randomUUID());
      const client = await pool.connect();
      try {
        for (const [i, mouId] of mouIds.entries()) {
          const terms = minusmaTerms(mouId, { mouRef: `DOS/MINUSMA/B${String(i).padStart(3, '0')}/01` });
          await policy.handle(
            {
              ...{ id: randomUUID(), type: 'MouTermsInForce', source: '/coe/mou-negotiation' },
              ...{ streamId: `mou-${mouId}`, streamVersion: 1n, globalPosition: BigInt(i + 1) },
              ...{ transactionId: 1n, effectiveOn: terms.effectiveOn, recordedAt: new Date(), hash: 'bench' },
              data: terms,
            },
            client,
          );
          // service days follow the unit's movements: deployed before the first month measured
          const deployed = { mouId, deployedOn: '2017-12-01' };
          await movements.handle(
            {
              ...{ id: randomUUID(), type: 'MouUnitDeployed', source: '/coe/mou-negotiation' },
              ...{ streamId: `mou-${mouId}`, streamVersion: 2n, globalPosition: BigInt(units + i + 1) },
              ...{ transactionId: 1n, effectiveOn: deployed.deployedOn, recordedAt: new Date(), hash: 'bench' },
              data: deployed,
            },
            client,
          );
        }
      } finally {
        client.release();
      }
      const report = async (mouId: string, period: string) => {
        const response = await http
          .post('/v1/verification-reports')
          .set({ Authorization: officer })
          .send({ mouId, period, ...verificationReportBody(10, '2018-12-20') });
        if (response.status !== 201) throw new Error(`report refused: ${JSON.stringify(response.body)}`);
      };
      const ours: number[] = [];
      const baseline: number[] = [];
      const byRun = async (period: string) => {
        const started = performance.now();
        const response = await http
          .post('/v1/claim-runs')
          .set({ Authorization: officer })
          .send({ period, mission: 'MINUSMA', preparedOn: '2018-12-31' });
        const seconds = (performance.now() - started) / 1000;
        if (response.status !== 201 || response.body.prepared !== units)
          throw new Error(`run refused: ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
        ours.push(units / seconds);
      };
      const oneByOne = async (period: string) => {
        const started = performance.now();
        for (const mouId of mouIds) {
          const response = await http
            .post('/v1/claims')
            .set({ Authorization: officer })
            .send({ mouId, period, preparedOn: '2018-12-31' });
          if (response.status !== 201) throw new Error(`claim refused: ${JSON.stringify(response.body)}`);
        }
        baseline.push(units / ((performance.now() - started) / 1000));
      };
      for (let round = 0; round < settings.rounds; round++) {
        const [a, b] = [month(2 * round + 1), month(2 * round + 2)];
        await inParallel(mouIds, async (mouId) => {
          await report(mouId, a);
          await report(mouId, b);
        });
        if (round % 2 === 0) {
          await byRun(a);
          await oneByOne(b);
        } else {
          await oneByOne(a);
          await byRun(b);
        }
      }
      log(
        `monthly-claims-run: ${units} units; run ${ours.map((v) => v.toFixed(0)).join(', ')} units/s; ` +
          `one claim per request ${baseline.map((v) => v.toFixed(0)).join(', ')} units/s`,
      );
      return [
        resultOf({
          name: 'monthly-claims-run',
          unit: 'units/s',
          baseline: 'one-claim-per-request',
          samples: ours,
          baselineSamples: baseline,
        }),
      ];
    } finally {
      await app?.close();
      await dropSchema(pool, schema).catch(() => undefined);
      await pool.end();
    }
  },
};
