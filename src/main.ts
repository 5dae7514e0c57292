import { AuditModule } from '@coe/audit';
import { MessagingModule } from '@coe/messaging';
import { join } from 'node:path';
import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { ForceGenerationModule } from '../services/force-generation/src/force-generation.module';
import { MouNegotiationModule } from '../services/mou-negotiation/src/mou-negotiation.module';
import { ProjectionsModule } from '../services/projections/src/projections.module';
import { ReimbursementModule } from '../services/reimbursement/src/reimbursement.module';

// The single-process app (`npm start`): the four services' modules in one Nest application, on the
// embedded database unless DATABASE_URL is set; events are delivered in-process instead of by Kafka.
const DEFAULT_PORT = 3000;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  const modules = [
    MessagingModule.forRoot(config, 'in-process', 'coe-ledger'),
    AuditModule,
    ForceGenerationModule.register({ config }),
    MouNegotiationModule.register({ config }),
    ReimbursementModule.register({ config }),
    ProjectionsModule.register({ config }),
  ];
  const app = await createHttpApp(modules, {
    config,
    database,
    logger,
    // Built by `npm run build` into dist/console next to dist/src/main.js.
    consoleDir: join(__dirname, '..', 'console'),
    openApi: {
      title: 'COE Ledger',
      description:
        'Contingent-owned equipment ledger for UN peacekeeping: force generation, MOU negotiation, ' +
        'reimbursement and reports, in one process.',
    },
  });
  const url = await app.getUrl();
  const where = database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL';
  logger.log(`COE Ledger listening on ${url} (${where})`, 'Main');
  logger.log(`Console: ${url}/   API docs: ${url}/docs`, 'Main');
  // `COE_DEMO=1 npm start` or `npm start -- --demo`: the demo data, through the API, on the first start
  if (process.env.COE_DEMO === '1' || process.argv.includes('--demo')) {
    await import('../demo/demo.start')
      .then((demo) => demo.loadDemoOnFirstStart(url, config, logger))
      .catch((error: unknown) => logger.error(`Demo data not loaded: ${String(error)}`, 'Demo'));
  }
});
