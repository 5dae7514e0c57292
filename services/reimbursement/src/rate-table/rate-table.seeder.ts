import { decideAndAppend } from '@coe/event-store';
import { nameBasedUuid } from '@coe/platform';
import { Injectable } from '@nestjs/common';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import type { IssueRateTableVersion } from './rate-table.commands';
import { rateTableDecider } from './rate-table.decider';
import { rateTableStream } from './rate-table.events';
import { recordRateTableVersion } from './rate-table.read-model';
import seed from './rate-table.seed.json';

type SeedVersion = Omit<IssueRateTableVersion['data'], 'seed'>;

const SEED_ACTOR = { actor: { sub: 'system:initial-data', roles: [] } };

/**
 * Issues the shipped initial data (the public personnel-rate history, the 67/261 threshold, the part-month
 * rule, the cash-pool start) as ordinary rate-table versions at the first start. Every later start, and a
 * second instance starting at the same time, issues nothing: the decider skips a version already issued
 * and the event ids are derived from the content.
 */
@Injectable()
export class RateTableSeeder {
  constructor(private readonly db: ReimbursementDatabase) {}

  async seed(): Promise<void> {
    const versions = seed.versions as SeedVersion[];
    for (const tableId of [...new Set(versions.map((v) => v.tableId))]) {
      await this.db.write(async ({ tx, store, schema }) => {
        for (const version of versions.filter((v) => v.tableId === tableId)) {
          const command: IssueRateTableVersion = {
            type: 'IssueRateTableVersion',
            data: { ...version, seed: true },
          };
          const name = JSON.stringify(['rate-table-seed', tableId, version.effectiveFrom, version.values]);
          const result = await decideAndAppend(store, rateTableStream(tableId), command, rateTableDecider, {
            metadata: SEED_ACTOR,
            eventIds: (index) => nameBasedUuid(`${name}#${index}`),
          });
          for (const event of result.newEvents) await recordRateTableVersion(tx, schema, event.data);
        }
      });
    }
  }
}
