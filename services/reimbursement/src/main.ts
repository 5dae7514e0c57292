import { AuditModule } from '@coe/audit';
import { MessagingModule } from '@coe/messaging';
import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from './reimbursement.module';

const DEFAULT_PORT = 3003;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  // distributed mode: this service's events go to Kafka and it consumes other services' topics
  const modules = [
    MessagingModule.forRoot(config, 'kafka', 'reimbursement'),
    AuditModule,
    ReimbursementModule.register({ config }),
  ];
  const app = await createHttpApp(modules, {
    config,
    database,
    logger,
    openApi: REIMBURSEMENT_OPENAPI,
  });
  const url = await app.getUrl();
  logger.log(`reimbursement listening on ${url} (docs: ${url}/docs)`, 'Main');
});
