import { runMigrations } from '@coe/event-store';
import { InjectPool } from '@coe/platform';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { forceGenerationMigrations } from './force-generation.migrations';
import {
  FORCE_GENERATION_OPTIONS,
  type ForceGenerationModuleOptions,
  forceGenerationSchema,
} from './force-generation.options';

/** Where the read tables live (the service's schema), created before the app serves. */
@Injectable()
export class ReadTables implements OnModuleInit {
  readonly schema: string;

  constructor(
    @InjectPool() readonly pool: Pool,
    @Inject(FORCE_GENERATION_OPTIONS) options: ForceGenerationModuleOptions,
  ) {
    this.schema = forceGenerationSchema(options);
  }

  async onModuleInit(): Promise<void> {
    await runMigrations(this.pool, this.schema, forceGenerationMigrations);
  }
}
