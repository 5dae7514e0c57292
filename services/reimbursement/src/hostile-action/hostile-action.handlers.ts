import { type WriteContext, newAggregateId } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certifyPayableClaim, payableClaimId } from '../claim/claim.payable';
import { termsForService } from '../mou-terms/mou-terms';
import { loadMouTerms } from '../mou-terms/mou-terms.read-model';
import { payableRecordIdByRef } from '../payable-records/payable-record.read-model';
import { type PayableRecordWritten, payableRecordWriter } from '../payable-records/payable-record.write';
import { versionInForce } from '../rate-table/rate-table.in-force';
import { loadRateTableVersions } from '../rate-table/rate-table.read-model';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { assertEquipmentCodes } from '../shared/coe-codes';
import { fail } from '../shared/reimbursement.errors';
import type { HostileActionCommand } from './hostile-action.commands';
import { type HostileActionIncident, hostileActionDecider } from './hostile-action.decider';
import { type HostileActionEvent, hostileActionClaimRef, hostileActionStream } from './hostile-action.events';
import { saveHostileActionItems } from './hostile-action.read-model';
import type { ItemLost } from './hostile-action.valuation';

const run = payableRecordWriter<HostileActionCommand, HostileActionEvent, HostileActionIncident>({
  kind: 'hostile-action',
  stream: hostileActionStream,
  decider: hostileActionDecider,
  row: (s) => ({ ref: s.incidentRef, mission: s.mission, contributor: s.contributor, datedOn: s.occurredOn }),
});

export type HostileActionInput = {
  incidentRef: string;
  mouId: string;
  cause: 'hostile-action' | 'forced-abandonment';
  occurredOn: string;
  recordedOn: string;
  /** An annex B line (`lineId`), or a category and item outside the MOU. */
  items: { lineId?: string; category?: string; item?: string; quantity: number; gfmvEachUsd: string }[];
};

export class RecordHostileActionIncidentCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly data: HostileActionInput,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/** Checks the items against the MOU's annex B in force on the incident date, then records and values them. */
@CommandHandler(RecordHostileActionIncidentCommand)
export class RecordHostileActionIncidentHandler
  implements ICommandHandler<RecordHostileActionIncidentCommand>
{
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: RecordHostileActionIncidentCommand): Promise<PayableRecordWritten> {
    const incidentId = newAggregateId(write);
    return this.db.write(async (t) => {
      if ((await payableRecordIdByRef(t.tx, t.schema, 'hostile-action', data.incidentRef)) !== null) {
        fail('HOSTILE_ACTION_INCIDENT_EXISTS', `An incident ${data.incidentRef} exists already.`);
      }
      const terms = termsForService(await loadMouTerms(t.tx, t.schema, data.mouId), data.occurredOn);
      if (terms === null)
        return fail('MOU_TERMS_NOT_FOUND', `No terms in force are known of MOU ${data.mouId}.`);
      // an item outside annex B names its category and item here: codes, as an annex line would
      const named = data.items.map((i) => ({
        category: i.category ?? '',
        item: i.item ?? '',
        onAnnex: i.lineId !== undefined,
      }));
      assertEquipmentCodes(named, 'items', (i) => i.onAnnex);
      const items: ItemLost[] = data.items.map((i) => {
        if (i.lineId === undefined) {
          return {
            lineId: null,
            category: i.category!,
            item: i.item!,
            quantity: i.quantity,
            gfmvEachUsd: i.gfmvEachUsd,
          };
        }
        const line = terms.annexB.find((l) => l.lineId === i.lineId);
        if (line === undefined) {
          return fail('UNKNOWN_ANNEX_B_LINE', `MOU ${terms.mouRef} has no annex B line ${i.lineId}.`);
        }
        const { lineId, category, item } = line;
        return { lineId, category, item, quantity: i.quantity, gfmvEachUsd: i.gfmvEachUsd };
      });
      const versions = await loadRateTableVersions(t.tx, t.schema, 'hostile-action-threshold');
      const threshold = versionInForce(versions, 'hostile-action-threshold', data.occurredOn);
      const { incidentRef, mouId, cause, occurredOn, recordedOn } = data;
      const written = await run(
        t,
        incidentId,
        {
          type: 'RecordHostileActionIncident',
          data: {
            ...{ incidentId, incidentRef, mission: terms.mission, contributor: terms.contributor, mouId },
            ...{ cause, occurredOn, recordedOn, recordedBy: write.metadata.actor.sub, items, threshold },
          },
        },
        write,
        true,
      );
      await saveHostileActionItems(t.tx, t.schema, written.state);
      return written;
    });
  }
}

export class CertifyHostileActionIncidentCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly incidentId: string,
    readonly certifiedOn: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * Certified by a second officer when the UN is liable; in the same transaction the incident becomes a
 * certified claim of category `major_equipment` (a GFMV reimbursement of lost equipment), one line per item.
 */
@CommandHandler(CertifyHostileActionIncidentCommand)
export class CertifyHostileActionIncidentHandler
  implements ICommandHandler<CertifyHostileActionIncidentCommand>
{
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ incidentId, certifiedOn, write }: CertifyHostileActionIncidentCommand) {
    const certifiedBy = write.metadata.actor.sub;
    const claimId = payableClaimId(['hostile-action', incidentId]);
    return this.db.write(async (t) => {
      const written = await run(
        t,
        incidentId,
        { type: 'CertifyHostileActionIncident', data: { incidentId, certifiedOn, certifiedBy, claimId } },
        write,
      );
      const s = written.state;
      const [first, ...rest] = s.items.map((i, n) => ({
        ...{ kind: 'HOSTILE_ACTION_LOSS' as const, component: 'major_equipment' as const },
        key: `hostile-action:${n + 1}`,
        description: `${s.cause} ${s.incidentRef} of ${s.occurredOn}: ${i.category}, ${i.item}`,
        ...{ quantity: String(i.quantity), rateUsd: i.gfmvEachUsd, factor: '1', fraction: '1' },
        amountUsd: i.gfmvUsd,
        sources: { rateTables: [s.rateTable], mouAnnexVersion: null, verificationReportVersion: null },
      }));
      await certifyPayableClaim(
        t,
        {
          ...{ claimId, claimRef: hostileActionClaimRef(s.incidentRef), mission: s.mission },
          ...{ contributor: s.contributor, category: 'major_equipment', period: s.occurredOn.slice(0, 7) },
          ...{ preparedOn: s.recordedOn, preparedBy: s.recordedBy, certifiedOn, certifiedBy },
          lines: [first!, ...rest],
        },
        write,
      );
      return written;
    });
  }
}
