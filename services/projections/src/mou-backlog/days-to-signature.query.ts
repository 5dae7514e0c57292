import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { daysToSignatureByYear, type SignatureDays, type YearOfSignatures } from './days-to-signature.stats';
import { mouMilestonesProjection } from './mou-milestones.projection';
import { heldAt, type KnownAt, reflectedAt } from '@coe/projection-engine';

export type SignatureStart = 'deployment' | 'negotiation';
export type DaysToSignature = { from: SignatureStart; years: YearOfSignatures[] } & KnownAt;

export class GetDaysToSignature extends Query<DaysToSignature> {
  constructor(
    readonly from: SignatureStart,
    readonly knownAt: string,
  ) {
    super();
  }
}

// CONTRACT.md 5.2: from deployment, an MOU without a deployment date is left out and one signed before
// its unit deployed counts 0 days.
const DAYS: Record<SignatureStart, string> = {
  deployment: 'greatest(m.fully_signed_on - m.deployed_on, 0)',
  negotiation: 'm.fully_signed_on - m.negotiation_opened_on',
};
const START: Record<SignatureStart, string> = {
  deployment: 'm.deployed_on',
  negotiation: 'm.negotiation_opened_on',
};

@QueryHandler(GetDaysToSignature)
export class GetDaysToSignatureHandler implements IQueryHandler<GetDaysToSignature, DaysToSignature> {
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ from, knownAt }: GetDaysToSignature): Promise<DaysToSignature> {
    const { mous } = await this.context.versions.activeTables(mouMilestonesProjection);
    // the answer and what it reflects at once: one round trip less to wait for
    const [{ rows }, reflected] = await Promise.all([
      this.pool.query<SignatureDays>(
        `select extract(year from m.fully_signed_on)::int as year, (${DAYS[from]})::int as days
       from ${mous} m
       where m.fully_signed_on is not null and ${START[from]} is not null and ${heldAt('m', '$1')}`,
        [knownAt],
      ),
      reflectedAt(this.pool, 'mou-negotiation', [mous], knownAt),
    ]);
    return {
      from,
      years: daysToSignatureByYear(rows),
      ...reflected,
    };
  }
}
