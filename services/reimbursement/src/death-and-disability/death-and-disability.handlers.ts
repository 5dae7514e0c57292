import { type WriteContext, nameBasedUuid } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certifyPayableClaim, payableClaimId } from '../claim/claim.payable';
import { payableRecordIdByRef } from '../payable-records/payable-record.read-model';
import { type PayableRecordWritten, payableRecordWriter } from '../payable-records/payable-record.write';
import { versionInForce } from '../rate-table/rate-table.in-force';
import { loadRateTableVersions } from '../rate-table/rate-table.read-model';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import type { DeathAndDisabilityCommand } from './death-and-disability.commands';
import { type DeathAndDisabilityCase, deathAndDisabilityDecider } from './death-and-disability.decider';
import {
  type DeathAndDisabilityEvent,
  type DeathAndDisabilityType,
  deathAndDisabilityCaseRef,
  deathAndDisabilityStream,
} from './death-and-disability.events';

/** One case per person: the contributor's reference of the person keys it. */
const personKey = (contributor: string, personRef: string): string => `${contributor}/${personRef}`;

const run = payableRecordWriter<DeathAndDisabilityCommand, DeathAndDisabilityEvent, DeathAndDisabilityCase>({
  kind: 'death-and-disability',
  stream: deathAndDisabilityStream,
  decider: deathAndDisabilityDecider,
  row: (c) => ({
    ...{ ref: personKey(c.contributor, c.personRef), mission: c.mission },
    ...{ contributor: c.contributor, datedOn: c.incidentOn },
  }),
});

export type DeathAndDisabilityInput = {
  mission: string;
  contributor: string;
  mouId: string | null;
  unit: string | null;
  personRef: string;
  incidentOn: string;
  type: DeathAndDisabilityType;
  degreePct: string | null;
  recordedOn: string;
};

export class RecordDeathAndDisabilityCaseCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly data: DeathAndDisabilityInput,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/** Records the case with the standard amount in force on the incident date (a rate-table version). */
@CommandHandler(RecordDeathAndDisabilityCaseCommand)
export class RecordDeathAndDisabilityCaseHandler
  implements ICommandHandler<RecordDeathAndDisabilityCaseCommand>
{
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: RecordDeathAndDisabilityCaseCommand): Promise<PayableRecordWritten> {
    const caseId = nameBasedUuid(JSON.stringify(['death-and-disability', data.contributor, data.personRef]));
    return this.db.write(async (t) => {
      const key = personKey(data.contributor, data.personRef);
      if ((await payableRecordIdByRef(t.tx, t.schema, 'death-and-disability', key)) !== null) {
        fail('DD_CASE_EXISTS', `${data.contributor} has a case for ${data.personRef} already.`);
      }
      const versions = await loadRateTableVersions(t.tx, t.schema, 'death-and-disability');
      const standard = versionInForce(versions, 'death-and-disability', data.incidentOn);
      const caseRef = deathAndDisabilityCaseRef(data.mission, data.contributor, data.personRef);
      const recordedBy = write.metadata.actor.sub;
      return run(
        t,
        caseId,
        { type: 'RecordDeathAndDisabilityCase', data: { ...data, caseId, caseRef, recordedBy, standard } },
        write,
        true,
      );
    });
  }
}

export class CertifyDeathAndDisabilityCaseCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly caseId: string,
    readonly certifiedOn: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/** Certified by a second officer; in the same transaction the case becomes a certified claim. */
@CommandHandler(CertifyDeathAndDisabilityCaseCommand)
export class CertifyDeathAndDisabilityCaseHandler
  implements ICommandHandler<CertifyDeathAndDisabilityCaseCommand>
{
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ caseId, certifiedOn, write }: CertifyDeathAndDisabilityCaseCommand) {
    const certifiedBy = write.metadata.actor.sub;
    const claimId = payableClaimId(['death-and-disability', caseId]);
    return this.db.write(async (t) => {
      const written = await run(
        t,
        caseId,
        { type: 'CertifyDeathAndDisabilityCase', data: { caseId, certifiedOn, certifiedBy, claimId } },
        write,
      );
      const c = written.state;
      const what = c.type === 'death' ? 'death' : `disability ${c.degreePct} %`;
      await certifyPayableClaim(
        t,
        {
          ...{ claimId, claimRef: c.caseRef, mission: c.mission, contributor: c.contributor },
          ...{
            category: 'death_and_disability',
            period: c.incidentOn.slice(0, 7),
            preparedOn: c.recordedOn,
          },
          ...{ preparedBy: c.recordedBy, certifiedOn, certifiedBy },
          lines: [
            {
              ...{
                kind: 'DEATH_AND_DISABILITY',
                component: 'death_and_disability',
                key: 'death-and-disability',
              },
              description: `${what}, ${c.personRef}, incident of ${c.incidentOn}`,
              quantity: '1',
              rateUsd: c.standardAmountUsd,
              // the degree as the line's factor: amount = standard × degree ÷ 100
              factor: c.type === 'death' ? '1' : `${c.degreePct}/100`,
              fraction: '1',
              amountUsd: c.amountUsd,
              sources: {
                rateTables: [c.rateTable],
                mouAnnexVersion: null,
                verificationReportVersion: null,
              },
            },
          ],
        },
        write,
      );
      return written;
    });
  }
}
