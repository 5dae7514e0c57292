// One service of the distributed mode on a loaded history's schemas (`hist_…`): the same modules as the
// service's own main.ts (services/<service>/src/main.ts, Kafka transport, its own process), with the
// history's schema prefix, which main.ts does not take. Started by history-distributed.workload.ts as
// `node bench/run.mjs bench/history/history-service.ts <service>` with DATABASE_URL, KAFKA_BROKERS,
// KAFKA_TOPIC_PREFIX, JWT_SECRET and PORT; prints `listening on <url>` once it serves.
import { AuditModule } from '@coe/audit';
import { MessagingModule } from '@coe/messaging';
import { createHttpApp, createLogger, loadConfig, openDatabase, type PlatformConfig } from '@coe/platform';
import {
  FORCE_GENERATION_OPENAPI,
  ForceGenerationModule,
} from '../../services/force-generation/src/force-generation.module';
import {
  MOU_NEGOTIATION_OPENAPI,
  MouNegotiationModule,
} from '../../services/mou-negotiation/src/mou-negotiation.module';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from '../../services/projections/src/projections.module';
import {
  REIMBURSEMENT_OPENAPI,
  ReimbursementModule,
} from '../../services/reimbursement/src/reimbursement.module';
import { HISTORY_PREFIX } from './history.load';

export const HISTORY_SERVICES = [
  'force-generation',
  'mou-negotiation',
  'reimbursement',
  'projections',
] as const;
export type HistoryService = (typeof HISTORY_SERVICES)[number];

const schemaPrefix = HISTORY_PREFIX;
const compositions = {
  'force-generation': (config: PlatformConfig) => ({
    modules: [AuditModule, ForceGenerationModule.register({ config, schemaPrefix })],
    openApi: FORCE_GENERATION_OPENAPI,
  }),
  'mou-negotiation': (config: PlatformConfig) => ({
    modules: [AuditModule, MouNegotiationModule.register({ config, schemaPrefix })],
    openApi: MOU_NEGOTIATION_OPENAPI,
  }),
  reimbursement: (config: PlatformConfig) => ({
    modules: [AuditModule, ReimbursementModule.register({ config, schemaPrefix })],
    openApi: REIMBURSEMENT_OPENAPI,
  }),
  projections: (config: PlatformConfig) => ({
    modules: [ProjectionsModule.register({ config, schemaPrefix })],
    openApi: PROJECTIONS_OPENAPI,
  }),
} satisfies Record<HistoryService, unknown>;

export const main = async (args: string[]): Promise<number> => {
  const service = args[0] as HistoryService;
  if (!HISTORY_SERVICES.includes(service)) throw new Error(`history-service: unknown service ${args[0]}`);
  const config = loadConfig({ defaultPort: 0 });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  const { modules, openApi } = compositions[service](config);
  const app = await createHttpApp([MessagingModule.forRoot(config, 'kafka', service), ...modules], {
    config,
    database,
    logger,
    openApi,
  });
  process.stdout.write(`${service} listening on ${(await app.getUrl()).replace('[::1]', '127.0.0.1')}\n`);
  // serves until SIGTERM, which closes the app and exits the process (createHttpApp)
  return new Promise<number>(() => undefined);
};
