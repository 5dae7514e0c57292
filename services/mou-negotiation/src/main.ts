import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { MOU_NEGOTIATION_OPENAPI, MouNegotiationModule } from './mou-negotiation.module';

const DEFAULT_PORT = 3002;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  const app = await createHttpApp(MouNegotiationModule.register({ config }), {
    config,
    database,
    logger,
    openApi: MOU_NEGOTIATION_OPENAPI,
  });
  const url = await app.getUrl();
  logger.log(`mou-negotiation listening on ${url} (docs: ${url}/docs)`, 'Main');
});
