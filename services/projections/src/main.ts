import { MessagingModule } from '@coe/messaging';
import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from './projections.module';

const DEFAULT_PORT = 3004;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  // distributed mode: this service's events go to Kafka and it consumes other services' topics
  const modules = [
    MessagingModule.forRoot(config, 'kafka', 'projections'),
    ProjectionsModule.register({ config }),
  ];
  const app = await createHttpApp(modules, {
    config,
    database,
    logger,
    openApi: PROJECTIONS_OPENAPI,
  });
  const url = await app.getUrl();
  logger.log(`projections listening on ${url} (docs: ${url}/docs)`, 'Main');
});
