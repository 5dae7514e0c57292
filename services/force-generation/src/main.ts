import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { FORCE_GENERATION_OPENAPI, ForceGenerationModule } from './force-generation.module';

const DEFAULT_PORT = 3001;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  const app = await createHttpApp(ForceGenerationModule.register({ config }), {
    config,
    database,
    logger,
    openApi: FORCE_GENERATION_OPENAPI,
  });
  const url = await app.getUrl();
  logger.log(`force-generation listening on ${url} (docs: ${url}/docs)`, 'Main');
});
