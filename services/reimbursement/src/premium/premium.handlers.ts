import { decideAndAppend } from '@coe/event-store';
import { type WriteContext, commandOptions, nameBasedUuid } from '@coe/platform';
import {
  Command,
  CommandHandler,
  type IQueryHandler,
  type ICommandHandler,
  Query,
  QueryHandler,
} from '@nestjs/cqrs';
import { loadRateTableVersions } from '../rate-table/rate-table.read-model';
import { type InForce, versionInForce } from '../rate-table/rate-table.in-force';
import { money } from '../shared/money';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { capsDuring, premiumDecider } from './premium.decider';
import { type PremiumGranted, type PremiumKind, premiumStream } from './premium.events';
import { loadPremiumGrants, recordPremiumGrant } from './premium.read-model';

export type PremiumWritten = { grant: PremiumGranted; streamVersion: bigint };

export class GrantPremiumCommand extends Command<PremiumWritten> {
  constructor(
    readonly data: {
      mouId: string;
      kind: PremiumKind;
      pct: string;
      fromOn: string;
      toOn: string;
      grantedOn: string;
      reference: string;
    },
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(GrantPremiumCommand)
export class GrantPremiumHandler implements ICommandHandler<GrantPremiumCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: GrantPremiumCommand): Promise<PremiumWritten> {
    const pct = money(data.pct).toFixed(2);
    // a grant is its content: the same grant sent again is found, not granted twice
    const grantId = nameBasedUuid(
      JSON.stringify(['premium', data.mouId, data.kind, pct, data.fromOn, data.toOn]),
    );
    const grant: PremiumGranted = { ...data, pct, grantId, grantedBy: write.metadata.actor.sub };
    return this.db.write(async ({ tx, store, schema }) => {
      const versions = await loadRateTableVersions(tx, schema, 'premium-caps');
      const all = versions
        .map((v) => versionInForce([v], 'premium-caps', v.effectiveFrom))
        .filter((v): v is InForce<'premium-caps'> => v !== null);
      const caps = capsDuring(
        all,
        versionInForce(versions, 'premium-caps', data.fromOn),
        data.fromOn,
        data.toOn,
      );
      const result = await decideAndAppend(
        store,
        premiumStream(data.mouId),
        { type: 'GrantPremium', data: grant, caps },
        premiumDecider,
        commandOptions(write),
      );
      for (const e of result.newEvents) await recordPremiumGrant(tx, schema, e.data);
      return { grant, streamVersion: result.nextExpectedVersion };
    });
  }
}

export class PremiumGrantsQuery extends Query<PremiumGranted[]> {
  constructor(readonly mouId: string) {
    super();
  }
}

@QueryHandler(PremiumGrantsQuery)
export class PremiumGrantsHandler implements IQueryHandler<PremiumGrantsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}
  execute({ mouId }: PremiumGrantsQuery): Promise<PremiumGranted[]> {
    return loadPremiumGrants(this.db.pool, this.db.schema, mouId);
  }
}
