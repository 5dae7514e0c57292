// command-to-report: p99 latency from sending a command to the first report that shows it, in the
// single-process composition (the four modules as test/support/whole-system.ts composes them, in-process
// delivery) on fresh schema prefixes of the bench database. Each sample imports one new MOU register row
// (`POST /v1/imports/mou-register`) whose unit is deployed and not signed, then polls
// `GET /v1/reports/mou-backlog?asOf=...` every 2 ms until deployedUnits has grown by one. Baseline
// `bare-command`: the p99 of the same command alone (its HTTP round trip), samples interleaved with ours.
// `command-to-report-distributed`: the same composition with the Kafka transport (the stores' relays
// publish to fresh topics of a fresh KAFKA_TOPIC_PREFIX, the projections consume them). Targets (absolute,
// logged): p99 < 100 ms single-process, < 250 ms distributed.
import { AuditModule } from '@coe/audit';
import { topicFor } from '@coe/contracts';
import { createKafka, MessagingModule, serviceSchema } from '@coe/messaging';
import { buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ForceGenerationModule } from '../../services/force-generation/src/force-generation.module';
import { MouNegotiationModule } from '../../services/mou-negotiation/src/mou-negotiation.module';
import { ProjectionsModule } from '../../services/projections/src/projections.module';
import { ReimbursementModule } from '../../services/reimbursement/src/reimbursement.module';
import { createPool, dropSchema, randomName } from '../bench-infra';
import { resultOf } from '../bench-results';
import type { BenchContext, Workload } from './workload';

const SERVICES = ['force-generation', 'mou-negotiation', 'reimbursement', 'projections'] as const;
const HEADER =
  'mou_ref,mission,contributor,unit,unit_type,personnel,negotiation_opened,deployed_on,repatriated_on,signed_by_contributor,signed_by_un';
const AS_OF = '2019-06-30';
const POLL_MS = 2;
const TIMEOUT_MS = 10_000;
const WARMUP = 10;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

type Transport = 'in-process' | 'kafka';

const commandToReport = (id: string, transport: Transport, targetMs: number): Workload => ({
  id,
  async run({ databaseUrl, kafkaBrokers, settings, log }: BenchContext) {
    const samples = settings.quick ? 50 : 200;
    const topicPrefix = `bench.${randomName('cr')}`;
    const config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: 'bench-secret-0123456789abcdef0123',
        ...(transport === 'kafka' && {
          KAFKA_BROKERS: kafkaBrokers.join(','),
          KAFKA_TOPIC_PREFIX: topicPrefix,
          KAFKA_PARTITIONS: '3',
        }),
      },
      { defaultPort: 0 },
    );
    const pool = createPool(databaseUrl, 6);
    const schemaPrefix = `${randomName('bcr')}_`;
    let app: NestExpressApplication | undefined;
    try {
      app = await buildHttpApp(
        [
          MessagingModule.forRoot(config, transport, 'bench'),
          AuditModule,
          ForceGenerationModule.register({ config, schemaPrefix }),
          MouNegotiationModule.register({ config, schemaPrefix }),
          ReimbursementModule.register({ config, schemaPrefix }),
          ProjectionsModule.register({ config, schemaPrefix }),
        ],
        { config, database: { pool }, openApi: { title: 'COE Ledger', description: 'bench' }, logger: false },
      );
      await app.listen(0, '127.0.0.1');
      const http = request(app.getHttpServer());
      const clerk = `Bearer ${await signToken(config, { roles: ['mou-clerk'], sub: 'bench-clerk' })}`;
      let rows = 0;
      // a new contributor code per row keeps every reference new (QAA, QAB, ... RAA ...)
      const nextRow = (): string => {
        const n = rows++;
        const c = `${'QRSTUVWXYZ'[Math.floor(n / 676)]}${LETTERS[Math.floor(n / 26) % 26]}${LETTERS[n % 26]}`;
        return `DOS/UNIFIL/${c}/01,UNIFIL,${c},Battalion,MECH-INF,650,2018-02-01,2018-03-10,,,`;
      };
      const command = async (): Promise<void> => {
        const response = await http
          .post('/v1/imports/mou-register')
          .set({ Authorization: clerk, 'Content-Type': 'text/csv' })
          .send(`${HEADER}\n${nextRow()}`);
        if (response.status !== 200 || response.body.imported !== 1)
          throw new Error(`import refused: ${response.status} ${JSON.stringify(response.body)}`);
      };
      const deployed = async (): Promise<number> => {
        const response = await http
          .get(`/v1/reports/mou-backlog?asOf=${AS_OF}`)
          .set({ Authorization: clerk });
        if (response.status !== 200)
          throw new Error(`report refused: ${response.status} ${JSON.stringify(response.body)}`);
        return (response.body as { deployedUnits: number }).deployedUnits;
      };
      const bare = async (): Promise<number> => {
        const started = performance.now();
        await command();
        return performance.now() - started;
      };
      const toReport = async (): Promise<number> => {
        const before = await deployed();
        const started = performance.now();
        await command();
        while ((await deployed()) <= before) {
          if (performance.now() - started > TIMEOUT_MS) throw new Error('the report never showed the row');
          await sleep(POLL_MS);
        }
        return performance.now() - started;
      };
      // warm-up (JIT, pools, prepared plans), then interleaved samples, alternating which goes first
      for (let i = 0; i < WARMUP; i++) {
        await bare();
        await toReport();
      }
      const ours: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < samples; i++) {
        if (i % 2 === 0) {
          ours.push(await toReport());
          baseline.push(await bare());
        } else {
          baseline.push(await bare());
          ours.push(await toReport());
        }
      }
      const p99 = percentile(ours, 99);
      const baseP99 = percentile(baseline, 99);
      log(
        `${id}: p50 ${percentile(ours, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ` +
          `bare-command p50 ${percentile(baseline, 50).toFixed(1)} ms, p99 ${baseP99.toFixed(1)} ms ` +
          `(${samples} samples; target p99 < ${targetMs} ms: ${p99 < targetMs ? 'met' : 'MISSED'})`,
      );
      return [
        resultOf({
          name: id,
          unit: 'ms',
          baseline: 'bare-command',
          samples: [p99],
          baselineSamples: [baseP99],
        }),
      ];
    } finally {
      await app?.close();
      for (const service of SERVICES)
        await dropSchema(pool, serviceSchema(service, schemaPrefix)).catch(() => undefined);
      await pool.end();
      if (transport === 'kafka')
        await deleteTopics(kafkaBrokers, topicPrefix).catch((error: Error) =>
          log(`could not delete the bench topics: ${error.message}`),
        );
    }
  },
});

const deleteTopics = async (brokers: string[], prefix: string): Promise<void> => {
  const admin = createKafka({ brokers, clientId: 'coe-bench' }).admin();
  await admin.connect();
  try {
    const ours = new Set(SERVICES.map((s) => topicFor(prefix, s)));
    const present = (await admin.listTopics()).filter((t) => ours.has(t));
    if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
};

export const commandToReportWorkloads: Workload[] = [
  commandToReport('command-to-report', 'in-process', 100),
  commandToReport('command-to-report-distributed', 'kafka', 250),
];
