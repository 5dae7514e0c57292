import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from './reimbursement.module';

const DEFAULT_PORT = 3003;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  const app = await createHttpApp(ReimbursementModule.register({ config }), {
    config,
    database,
    logger,
    openApi: REIMBURSEMENT_OPENAPI,
  });
  const url = await app.getUrl();
  logger.log(`reimbursement listening on ${url} (docs: ${url}/docs)`, 'Main');
});
