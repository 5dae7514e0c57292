import { runMigrations } from '@coe/event-store';
import { MessagingRuntime } from '@coe/messaging';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { mouTermsInForcePolicy } from './mou-terms/mou-terms-in-force.policy';
import { knownMousPolicy } from './service-period/known-mous.policy';
import { unitMovementsPolicy } from './service-period/unit-movements.policy';
import { reimbursementMigrations } from './reimbursement.migrations';
import { RateTableSeeder } from './rate-table/rate-table.seeder';
import { REIMBURSEMENT_SCHEMA, ReimbursementDatabase } from './shared/reimbursement.database';

/**
 * Before the app serves: the read tables exist, the shipped rate tables are issued, and mou-negotiation's
 * MouTermsInForce is consumed into reimbursement's own table (Kafka or in-process, same handler).
 */
@Injectable()
export class ReimbursementStartup implements OnModuleInit {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly seeder: RateTableSeeder,
    private readonly runtime: MessagingRuntime,
    @Inject(REIMBURSEMENT_SCHEMA) private readonly schema: string,
  ) {}

  async onModuleInit(): Promise<void> {
    await runMigrations(this.db.pool, this.schema, reimbursementMigrations);
    await this.seeder.seed();
    this.runtime.registerHandler({
      handler: mouTermsInForcePolicy(this.schema),
      schema: this.schema,
      sources: ['mou-negotiation'],
    });
    this.runtime.registerHandler({
      handler: unitMovementsPolicy(this.schema),
      schema: this.schema,
      sources: ['mou-negotiation'],
    });
    this.runtime.registerHandler({
      handler: knownMousPolicy(this.schema),
      schema: this.schema,
      sources: ['mou-negotiation'],
    });
  }
}
