// Drives the realistic month (realistic-month.ts) through the public routes of the whole system, the same
// way whether the services share one process (in-process delivery) or talk through Kafka: a clerk takes
// each unit from pledge to deployment and a signed MOU (and amendment), force generation records the
// movements, and reimbursement learns terms and movements only through the policies.
import { serviceSchema } from '@coe/messaging';
import type { Role } from '@coe/platform';
import type { Pool } from 'pg';
import type request from 'supertest';
import {
  M06_INCIDENT,
  MONTH,
  MONTH_REPORTS,
  type MonthUnit,
  SELF_SUSTAINMENT_PARTIAL,
  UNITS,
} from './realistic-month';

type Http = () => ReturnType<typeof request>;

export type MonthSystem = {
  forceGeneration: Http;
  mouNegotiation: Http;
  reimbursement: Http;
  token: (role: Role, sub: string) => Promise<string>;
  pool: Pool;
  schemaPrefix: string;
};

const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const sender = (system: MonthSystem) => {
  const as = async (role: Role, sub: string) => `Bearer ${await system.token(role, sub)}`;
  const post = async (
    http: Http,
    path: string,
    body: object,
    role: Role = 'mou-clerk',
    sub = 'clerk-ana',
  ) => {
    const response = await http()
      .post(path)
      .set('Authorization', await as(role, sub))
      .send(body);
    if (response.status >= 300)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  };
  const get = async (http: Http, path: string) =>
    http()
      .get(path)
      .set('Authorization', await as('auditor', 'auditor-1'));
  return { post, get };
};

/** Pledge, selection, the MOU the policy drafts, its terms, deployment, signatures, amendment, movements. */
const loadUnit = async (system: MonthSystem, unit: MonthUnit): Promise<string> => {
  const { post, get } = sender(system);
  const fg = system.forceGeneration;
  const mn = system.mouNegotiation;
  const pledge = await post(fg, '/v1/pledges', {
    contributor: unit.contributor,
    unitName: `${unit.contributor}-${unit.key}`,
    unitType: unit.unitType,
    personnel: unit.terms.personnelCeiling,
    noteVerbaleOn: '2017-01-10',
  });
  const pledgeId = pledge.pledgeId as string;
  await post(fg, `/v1/pledges/${pledgeId}/aav`, { visitedOn: '2017-02-01', outcome: 'successful' });
  await post(fg, `/v1/pledges/${pledgeId}/level`, { level: 'L2', elevatedOn: '2017-02-10' });
  const selected = await post(fg, '/v1/units', { pledgeId, mission: unit.mission, selectedOn: '2017-03-01' });
  const unitId = selected.unitId as string;

  const mouId = await eventually(`${unit.key}: MOU drafted by the policy`, async () => {
    const list = await get(mn, `/v1/mous?mission=${unit.mission}&contributor=${unit.contributor}`);
    const items = (list.body.items ?? []) as { mouId: string; unitId: string }[];
    return items.find((m) => m.unitId === unitId)?.mouId;
  });
  const mou = `/v1/mous/${mouId}`;
  // new annex B lines get their ids (B001, B002, … in order) from mou-negotiation
  const annexB = unit.terms.annexB.map(({ lineId: _, ...line }) => line);
  await post(mn, `${mou}/negotiation-rounds`, {
    proposedBy: 'un',
    proposedOn: '2017-03-05',
    changes: { ...unit.terms, annexB },
  });
  await post(fg, `/v1/units/${unitId}/deployment`, { deployedOn: unit.deployedOn });
  if (unit.rotatedOn) await post(fg, `/v1/units/${unitId}/rotations`, { rotatedOn: unit.rotatedOn });
  if (unit.repatriatedOn)
    await post(fg, `/v1/units/${unitId}/repatriation`, { repatriatedOn: unit.repatriatedOn });
  // the MOU learns the deployment from force generation before it is signed (signed after deployment)
  await eventually(`${unit.key}: deployment reaches the MOU`, async () =>
    (await get(mn, mou)).body.deployedOn === unit.deployedOn ? true : undefined,
  );
  if (unit.signedOn !== null) {
    // sent to the Permanent Mission, then signed by both on the day it came back
    await post(mn, `${mou}/sent-to-permanent-mission`, { sentOn: unit.signedOn });
    await post(mn, `${mou}/signatures`, { party: 'contributor', signedOn: unit.signedOn });
    await post(mn, `${mou}/signatures`, { party: 'un', signedOn: unit.signedOn });
  }
  if (unit.amendment) {
    const { effectiveOn, signedOn, personnelCeiling } = unit.amendment;
    await post(mn, `${mou}/amendments`, {
      kind: 'personnel',
      description: `Ceiling ${personnelCeiling} from ${effectiveOn}`,
      proposedBy: 'un',
      proposedOn: '2019-03-25',
      effectiveOn,
      changes: { personnelCeiling },
    });
    await post(mn, `${mou}/amendments/1/signatures`, { party: 'un', signedOn });
    await post(mn, `${mou}/amendments/1/signatures`, { party: 'contributor', signedOn });
  }
  return mouId;
};

/** Waits until reimbursement has learned, through its policies, every annex version and movement. */
const reachedReimbursement = async (system: MonthSystem, unit: MonthUnit, mouId: string): Promise<void> => {
  const schema = serviceSchema('reimbursement', system.schemaPrefix);
  const movements = 1 + (unit.repatriatedOn ? 1 : 0);
  const versions = unit.signedOn === null ? 0 : 1 + (unit.amendment ? 1 : 0);
  await eventually(`${unit.key}: terms and movements reach reimbursement`, async () => {
    const { rows } = await system.pool.query<{ movements: number; versions: number; known: number }>(
      `select (select count(*)::int from ${schema}.unit_movements where mou_id = $1) as movements,
              (select count(*)::int from ${schema}.mou_terms where mou_id = $1) as versions,
              (select count(*)::int from ${schema}.known_mous where mou_id = $1) as known`,
      [mouId],
    );
    const row = rows[0]!;
    return row.movements === movements && row.versions === versions && row.known === 1 ? true : undefined;
  });
};

/**
 * The month's verification reports, all of them in one request through the import (JSON form). A report
 * names a hostile-action loss by the recorded incident's id, known only once the incident is recorded.
 */
export const submitReports = async (
  system: MonthSystem,
  mouIds: Record<string, string>,
  incidentIds: Record<string, string> = {},
): Promise<void> => {
  const { post } = sender(system);
  const withIncidentIds = (body: object): object =>
    JSON.parse(
      JSON.stringify(body, (key, value) =>
        key === 'incidentId' && typeof value === 'string' ? (incidentIds[value] ?? value) : value,
      ),
    ) as object;
  const answer = await post(
    system.reimbursement,
    '/v1/imports/verification-reports',
    MONTH_REPORTS.map(({ unit, body }) => ({ mouId: mouIds[unit], ...withIncidentIds(body) })),
    'finance-officer',
    'officer-a',
  );
  if (answer.imported !== MONTH_REPORTS.length)
    throw new Error(`verification reports import: ${JSON.stringify(answer)}`);
};

/** Loads the month: the units (a few at a time), the partial self-sustainment rule, the incident, the reports. */
export const loadMonth = async (system: MonthSystem): Promise<Record<string, string>> => {
  const { post } = sender(system);
  const mouIds: Record<string, string> = {};
  const queue = [...UNITS];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let unit = queue.shift(); unit; unit = queue.shift())
        mouIds[unit.key] = await loadUnit(system, unit);
    }),
  );
  for (const unit of UNITS) await reachedReimbursement(system, unit, mouIds[unit.key]!);
  await post(
    system.reimbursement,
    '/v1/rate-tables/self-sustainment-partial/versions',
    SELF_SUSTAINMENT_PARTIAL,
    'finance-officer',
    'officer-a',
  );
  const incident = await post(
    system.reimbursement,
    '/v1/hostile-action-incidents',
    { ...M06_INCIDENT, mouId: mouIds.M06 },
    'finance-officer',
    'officer-a',
  );
  // the fixture names the incident by its reference; the report names it by the id it was recorded under
  await submitReports(system, mouIds, { [M06_INCIDENT.incidentRef]: incident.incidentId as string });
  return mouIds;
};

export { MONTH };
