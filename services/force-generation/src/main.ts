import { AuditModule } from '@coe/audit';
import { MessagingModule } from '@coe/messaging';
import { createHttpApp, createLogger, loadConfig, openDatabase, runMain } from '@coe/platform';
import { FORCE_GENERATION_OPENAPI, ForceGenerationModule } from './force-generation.module';

const DEFAULT_PORT = 3001;

runMain(async () => {
  const config = loadConfig({ defaultPort: DEFAULT_PORT });
  const logger = createLogger(config);
  const database = await openDatabase(config, { logger });
  // distributed mode: this service's events go to Kafka and it consumes other services' topics
  const modules = [
    MessagingModule.forRoot(config, 'kafka', 'force-generation'),
    AuditModule,
    ForceGenerationModule.register({ config }),
  ];
  const app = await createHttpApp(modules, {
    config,
    database,
    logger,
    openApi: FORCE_GENERATION_OPENAPI,
  });
  const url = await app.getUrl();
  logger.log(`force-generation listening on ${url} (docs: ${url}/docs)`, 'Main');
});
