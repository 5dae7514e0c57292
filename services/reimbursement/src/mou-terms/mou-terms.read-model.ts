import type { MouTermsInForce } from '@coe/contracts';
import { type Db, date, rows } from '../shared/sql';
import type { MouTerms } from './mou-terms';

export const recordMouTerms = async (
  db: Db,
  schema: string,
  terms: MouTermsInForce,
  eventId: string,
): Promise<void> => {
  await db.query(
    `insert into ${schema}.mou_terms (mou_id, annex_version, mou_ref, mission, contributor, unit_id, effective_on,
       personnel_ceiling, annex_b, annex_c, mission_factors, event_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) on conflict (mou_id, annex_version) do nothing`,
    [
      terms.mouId,
      terms.annexVersion,
      terms.mouRef,
      terms.mission,
      terms.contributor,
      terms.unitId,
      terms.effectiveOn,
      terms.personnelCeiling,
      JSON.stringify(terms.annexB),
      JSON.stringify(terms.annexC),
      JSON.stringify(terms.missionFactors),
      eventId,
    ],
  );
};

type Row = {
  mou_id: string;
  annex_version: number;
  mou_ref: string;
  mission: string;
  contributor: string;
  effective_on: string;
  personnel_ceiling: number;
  annex_b: MouTerms['annexB'];
  annex_c: MouTerms['annexC'];
  mission_factors: MouTerms['missionFactors'];
};

const termsOf = (r: Row): MouTerms => ({
  mouId: r.mou_id,
  annexVersion: r.annex_version,
  mouRef: r.mou_ref,
  mission: r.mission,
  contributor: r.contributor,
  effectiveOn: r.effective_on,
  personnelCeiling: r.personnel_ceiling,
  annexB: r.annex_b,
  annexC: r.annex_c,
  missionFactors: r.mission_factors,
});

const SELECT_TERMS = `select mou_id, annex_version, mou_ref, mission, contributor, ${date('effective_on')}, personnel_ceiling,
              annex_b, annex_c, mission_factors`;

/** Every annex version reimbursement knows of an MOU, oldest first. */
export const loadMouTerms = async (db: Db, schema: string, mouId: string): Promise<MouTerms[]> =>
  (
    await rows<Row>(db, `${SELECT_TERMS} from ${schema}.mou_terms where mou_id = $1 order by annex_version`, [
      mouId,
    ])
  ).map(termsOf);

/** {@link loadMouTerms} of several MOUs in one query (an import's batch). */
export const loadMouTermsOf = async (
  db: Db,
  schema: string,
  mouIds: readonly string[],
): Promise<Map<string, MouTerms[]>> => {
  const found = await rows<Row>(
    db,
    `${SELECT_TERMS} from ${schema}.mou_terms where mou_id = any($1::text[]) order by mou_id, annex_version`,
    [mouIds],
  );
  const byMou = new Map<string, MouTerms[]>();
  for (const row of found) byMou.set(row.mou_id, [...(byMou.get(row.mou_id) ?? []), termsOf(row)]);
  return byMou;
};
