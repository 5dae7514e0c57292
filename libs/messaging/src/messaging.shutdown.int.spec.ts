import { buildHttpApp, parseConfig } from '@coe/platform';
import { ConsoleLogger, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { EventSourcingModule, MessagingModule } from './messaging.module';
import { MessagingRuntime } from './messaging.runtime';

const mouSchema = randomSchema('mou');
const consumerSchema = randomSchema('proj');

@Injectable()
class Consumer implements OnModuleInit {
  constructor(private readonly runtime: MessagingRuntime) {}

  onModuleInit(): void {
    this.runtime.registerHandler({
      handler: { name: 'shutdown-test', eventTypes: ['MouSigned'], handle: async () => undefined },
      schema: consumerSchema,
      sources: ['mou-negotiation'],
    });
  }
}

@Module({
  imports: [EventSourcingModule.forService({ service: 'mou-negotiation', schema: mouSchema })],
  providers: [Consumer],
})
class ConsumerModule {}

class CapturingLogger extends ConsoleLogger {
  readonly warnings: string[] = [];
  override warn(message: unknown): void {
    this.warnings.push(String(message));
  }
  override log(): void {}
}

describe('a clean shutdown', () => {
  it('stops every delivery before the database closes, so nothing warns of an ended pool', async () => {
    const pool = testPool(4);
    const admin = testPool(1);
    const logger = new CapturingLogger();
    const config = parseConfig(
      { NODE_ENV: 'test', JWT_SECRET: 'shutdown-test-secret-0123456789abcdef' },
      { defaultPort: 0 },
    );
    let app: NestExpressApplication | undefined;
    try {
      app = await buildHttpApp([MessagingModule.forRoot(config, 'in-process', 'test'), ConsumerModule], {
        config,
        // a database that takes a moment to stop, as the embedded one does: deliveries polling in the
        // meantime would meet the ended pool
        database: {
          pool,
          close: async () => {
            await pool.end();
            await new Promise((resolve) => setTimeout(resolve, 400));
          },
        },
        openApi: { title: 'shutdown', description: 'test' },
        logger,
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // the delivery is polling
      await app.close();
      expect(logger.warnings.filter((w) => w.includes('pool'))).toEqual([]);
    } finally {
      await dropSchema(admin, mouSchema);
      await dropSchema(admin, consumerSchema);
      await admin.end();
    }
  });
});
