import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from './projections.module';

const DEFAULT_PORT = 3004;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  const app = await createHttpApp(ProjectionsModule.register({ config }), {
    config,
    database,
    logger,
    openApi: PROJECTIONS_OPENAPI,
  });
  const url = await app.getUrl();
  logger.log(`projections listening on ${url} (docs: ${url}/docs)`, 'Main');
});
