import { decideAndAppend } from '@coe/event-store';
import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { type WriteContext, commandOptions } from '@coe/platform';
import type { IssueRateTableVersion } from './rate-table.commands';
import { rateTableDecider } from './rate-table.decider';
import { type RateTableVersionIssued, rateTableIdOf, rateTableStream } from './rate-table.events';
import type { AffectedClaim } from '../claim/claim.retroactive';
import { versionInForce } from './rate-table.in-force';
import { affectedClaimsOf } from './rate-table.queries';
import { loadRateTableVersions, recordRateTableVersion } from './rate-table.read-model';

export type IssuedVersion = {
  version: RateTableVersionIssued;
  streamVersion: bigint;
  /** Certified claims of months the version now governs that were computed from another one. */
  affectedClaims: AffectedClaim[];
};

export class IssueRateTableVersionCommand extends Command<IssuedVersion> {
  constructor(
    readonly data: Omit<IssueRateTableVersion['data'], 'tableId' | 'seed'>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(IssueRateTableVersionCommand)
export class IssueRateTableVersionHandler implements ICommandHandler<IssueRateTableVersionCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: IssueRateTableVersionCommand): Promise<IssuedVersion> {
    const tableId = rateTableIdOf(data.values);
    return this.db.write(async ({ tx, store, schema }) => {
      const caps =
        data.values.kind === 'mission-factors'
          ? versionInForce(
              await loadRateTableVersions(tx, schema, 'mission-factor-caps'),
              'mission-factor-caps',
              data.effectiveFrom,
            )
          : null;
      const command: IssueRateTableVersion = {
        type: 'IssueRateTableVersion',
        data: { ...data, tableId, seed: false, caps: caps?.values ?? null },
      };
      const result = await decideAndAppend(store, rateTableStream(tableId), command, rateTableDecider, {
        ...commandOptions(write),
      });
      const issued = result.newEvents[0]!.data;
      await recordRateTableVersion(tx, schema, issued);
      const affectedClaims = await affectedClaimsOf(tx, schema, issued);
      return { version: issued, streamVersion: result.nextExpectedVersion, affectedClaims };
    });
  }
}
