import { waitForProjections } from '../../demo/demo.figures';
import type { WholeSystem } from './whole-system';

/** One contributor's share of a small history, and the ids the system gave its records. */
export type Contributor = {
  code: string;
  /** A mission only this contributor serves in (the other shares MINUSMA with it). */
  ownMission: string;
  /** A claim period only this contributor has claims for. */
  ownPeriod: string;
  ids: {
    mouId: string[];
    mouRef: string[];
    claimId: string[];
    pledgeId: string[];
    unitId: string[];
    paymentId: string[];
    loaId: string[];
    caseId: string[];
    incidentId: string[];
    /** Documents attached to this contributor's MOUs, by hash (see attachNoteVerbale). */
    sha256: string[];
  };
};

export type Tokens = { admin: string; clerk: string; finance: string };

export const SHARED_MISSION = 'MINUSMA';

const REQUIREMENTS = {
  personnel: 850,
  majorEquipment: [{ category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity: 10 }],
  selfSustainment: ['catering', 'communications'],
};

const ok = async <T>(response: Promise<{ status: number; body: T; text: string }>, what: string) => {
  const { status, body, text } = await response;
  if (status >= 300) throw new Error(`${what}: ${status} ${text}`);
  return body;
};

/** A SUR of the shared mission, published to every contributor; the variations are recorded per contributor. */
export const issueSharedSur = async (system: WholeSystem, tokens: Tokens): Promise<string> => {
  const body = { mission: SHARED_MISSION, unitType: 'INF', issuedOn: '2018-01-05', ...REQUIREMENTS };
  const sur = await ok<{ surId: string }>(
    system.http().post('/v1/surs').auth(tokens.clerk, { type: 'bearer' }).send(body),
    'issue SUR',
  );
  return sur.surId;
};

/**
 * Loads one contributor's history through the public routes, as the clerk and the finance office would:
 * legacy MOUs, a SUR variation, a pledge selected and deployed (whose MOU a policy drafts), a pledge still
 * at L1, certified claims and payments. `mark` goes into every name and reference, and `amounts` are the
 * claim and payment amounts, so the caller knows which strings belong to this contributor only.
 */
export const loadContributor = async (
  system: WholeSystem,
  tokens: Tokens,
  spec: { code: string; ownMission: string; ownPeriod: string; mark: string; surId: string },
  amounts: { claims: [string, string]; payments: [string, string] },
): Promise<Contributor> => {
  const { code, ownMission, ownPeriod, mark, surId } = spec;
  const post = (token: string, path: string, body: object) =>
    ok<Record<string, unknown>>(
      system.http().post(path).auth(token, { type: 'bearer' }).send(body),
      `${code} ${path}`,
    );
  const csv = (token: string, path: string, lines: string[]) =>
    ok<{ imported: number; rejected: unknown[] }>(
      system
        .http()
        .post(path)
        .auth(token, { type: 'bearer' })
        .type('text/csv')
        .send(`${lines.join('\n')}\n`),
      `${code} ${path}`,
    ).then((result) => {
      if (result.rejected.length > 0) throw new Error(`${path}: ${JSON.stringify(result.rejected)}`);
    });

  await csv(tokens.clerk, '/v1/imports/mou-register', [
    'mou_ref,mission,contributor,unit,unit_type,personnel,negotiation_opened,deployed_on,signed_by_contributor,signed_by_un',
    `DOS/${SHARED_MISSION}/${code}/91,${SHARED_MISSION},${code},${mark} Infantry,INF,850,2018-03-01,2018-06-01,2018-09-01,2018-09-15`,
    `DOS/${ownMission}/${code}/92,${ownMission},${code},${mark} Engineers,ENG,300,2018-05-01,2018-07-01,,`,
  ]);
  await post(tokens.clerk, `/v1/surs/${surId}/variations`, {
    contributor: code,
    agreedOn: '2018-02-01',
    reason: `${mark} variation`,
    ...REQUIREMENTS,
    personnel: 790,
  });

  const pledge = async (unitName: string) =>
    (
      await post(tokens.clerk, '/v1/pledges', {
        contributor: code,
        unitName,
        unitType: 'SIG',
        personnel: 200,
        noteVerbaleOn: '2018-01-10',
      })
    ).pledgeId as string;
  const selected = await pledge(`${mark} Signals`);
  const waiting = await pledge(`${mark} Reserve`);
  await post(tokens.clerk, `/v1/pledges/${selected}/aav`, { visitedOn: '2018-02-01', outcome: 'successful' });
  await post(tokens.clerk, `/v1/pledges/${selected}/level`, { level: 'L2', elevatedOn: '2018-02-10' });
  const unit = await post(tokens.clerk, '/v1/units', {
    pledgeId: selected,
    mission: ownMission,
    selectedOn: '2018-03-01',
  });
  const unitId = unit.unitId as string;
  await post(tokens.clerk, `/v1/units/${unitId}/deployment`, { deployedOn: '2018-06-15' });

  await csv(tokens.finance, '/v1/imports/certified-claims', [
    'claim_ref,mission,contributor,category,period,amount,certified_on',
    `${code}-CLAIM-1,${SHARED_MISSION},${code},personnel,2019-01,${amounts.claims[0]},2019-02-15`,
    `${code}-CLAIM-2,${ownMission},${code},self_sustainment,${ownPeriod},${amounts.claims[1]},2019-03-15`,
  ]);
  await csv(tokens.finance, '/v1/imports/payments', [
    'payment_ref,mission,contributor,amount,paid_on,claim_ref',
    `${code}-PAY-1,${SHARED_MISSION},${code},${amounts.payments[0]},2019-04-01,${code}-CLAIM-1`,
    `${code}-PAY-2,${ownMission},${code},${amounts.payments[1]},2019-04-02,`,
  ]);

  await settle(system, tokens.admin, code, unitId);
  const payables = await loadPayables(system, tokens, { code, ownMission, mark });
  const list = async (path: string, key: string) => {
    const page = await ok<{ items: Record<string, string>[] }>(
      system.http().get(`${path}?contributor=${code}&pageSize=200`).auth(tokens.admin, { type: 'bearer' }),
      `${code} ${path}`,
    );
    return page.items.map((item) => item[key]!);
  };
  return {
    code,
    ownMission,
    ownPeriod,
    ids: {
      mouId: await list('/v1/mous', 'mouId'),
      mouRef: await list('/v1/mous', 'mouRef'),
      claimId: await list('/v1/claims', 'claimId'),
      pledgeId: [selected, waiting],
      unitId: [unitId],
      paymentId: await list('/v1/payments', 'paymentId'),
      sha256: [],
      ...payables,
    },
  };
};

/** Waits for the in-process policies (the unit's MOU drafted, its deployment recorded) and the read models. */
const settle = async (system: WholeSystem, admin: string, code: string, unitId: string): Promise<void> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await system
      .http()
      .get(`/v1/mous?contributor=${code}&pageSize=200`)
      .auth(admin, { type: 'bearer' });
    const items = (body as { items?: { unitId: string | null; deployedOn: string | null }[] }).items ?? [];
    if (items.some((mou) => mou.unitId === unitId && mou.deployedOn !== null)) break;
    if (Date.now() > deadline) throw new Error(`the MOU of unit ${unitId} was not drafted and deployed`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await waitForProjections(await system.app.getUrl(), admin, 30_000);
};

/**
 * The payables besides claims, one of each: a letter of assist, a death-and-disability case and a
 * hostile-action incident on the shared mission's MOU (whose terms reach reimbursement through a policy,
 * so the incident is retried until they have).
 */
const loadPayables = async (
  system: WholeSystem,
  tokens: Tokens,
  { code, ownMission, mark }: { code: string; ownMission: string; mark: string },
): Promise<{ loaId: string[]; caseId: string[]; incidentId: string[] }> => {
  const created = async (path: string, body: object): Promise<string> => {
    const response = await system.http().post(path).auth(tokens.finance, { type: 'bearer' }).send(body);
    if (response.status !== 201) throw new Error(`${code} ${path}: ${response.status} ${response.text}`);
    return (response.headers.location as string).split('/').at(-1)!;
  };
  const loaId = await created('/v1/letters-of-assist', {
    ...{ loaRef: `LOA/${ownMission}/${code}/01`, mission: ownMission, contributor: code },
    ...{ description: `${mark} airlift`, notToExceedUsd: '100000.00', issuedOn: '2019-01-10' },
  });
  const caseId = await created('/v1/death-and-disability-cases', {
    ...{ mission: ownMission, contributor: code, personRef: `${code}-P-001`, incidentOn: '2019-02-11' },
    ...{ type: 'disability', degreePct: '40.00', recordedOn: '2019-03-01' },
  });
  const { body } = await system
    .http()
    .get(`/v1/mous?contributor=${code}&pageSize=200`)
    .auth(tokens.admin, { type: 'bearer' });
  const mouId = (body as { items: { mouId: string; mouRef: string }[] }).items.find(
    (m) => m.mouRef === `DOS/${SHARED_MISSION}/${code}/91`,
  )!.mouId;
  const incident = {
    ...{ incidentRef: `HA/${code}/01`, mouId, cause: 'hostile-action' },
    ...{ occurredOn: '2019-04-02', recordedOn: '2019-04-20' },
    // items are codes of the one list now (issue 18), so no canary text in the item: the incident's
    // reference names the contributor
    items: [{ category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity: 2, gfmvEachUsd: '150000.00' }],
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return {
        loaId: [loaId],
        caseId: [caseId],
        incidentId: [await created('/v1/hostile-action-incidents', incident)],
      };
    } catch (error) {
      if (!String(error).includes('MOU_TERMS_NOT_FOUND') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/**
 * A note verbale (a PDF whose text carries `mark`) sent with a new MOU of the contributor's own mission:
 * uploaded, then attached to the sending to the Permanent Mission. Adds its hash to the contributor's ids.
 */
export const attachNoteVerbale = async (
  system: WholeSystem,
  tokens: Tokens,
  contributor: Contributor,
  mark: string,
): Promise<void> => {
  const { code, ownMission } = contributor;
  const pdf = Buffer.from(`%PDF-1.4\n% ${mark} note verbale\n%%EOF\n`, 'latin1');
  const uploaded = await ok<{ sha256: string }>(
    system
      .http()
      .post('/v1/documents')
      .auth(tokens.clerk, { type: 'bearer' })
      .type('application/pdf')
      .send(pdf),
    `${code} upload`,
  );
  const drafted = await ok<{ mouId: string }>(
    system
      .http()
      .post('/v1/mous')
      .auth(tokens.clerk, { type: 'bearer' })
      .send({
        mission: ownMission,
        contributor: code,
        unitName: `${mark} Medical`,
        unitType: 'MED',
        personnelCeiling: 60,
        negotiationOpenedOn: '2018-08-01',
      }),
    `${code} draft`,
  );
  const documents = [{ sha256: uploaded.sha256, title: `${mark} note verbale`, kind: 'note-verbale' }];
  await ok(
    system
      .http()
      .post(`/v1/mous/${drafted.mouId}/sent-to-permanent-mission`)
      .auth(tokens.clerk, { type: 'bearer' })
      .send({ sentOn: '2018-08-15', documents }),
    `${code} sending`,
  );
  contributor.ids.sha256.push(uploaded.sha256);
};
