import type { ImportMouFromRegister, RegisterRow } from './mou.commands';
import { MouError } from './mou.errors';
import type { MouEvent } from './mou.events';
import { recordDeployment, recordRepatriation, signFromRegister } from './mou.milestones';
import { evolve } from './mou.evolve';
import type { DraftedMou, Mou } from './mou.state';

type Milestone = { on: string; decide: (mou: DraftedMou) => MouEvent[] };

// The register's dates replayed in calendar order (ties in lifecycle order) through the same rules as
// work done in the system, so an imported MOU has exactly the events a clerk's would have.
const milestones = (row: RegisterRow): Milestone[] => {
  const { mouId } = row;
  const all: (Milestone | null)[] = [
    row.deployedOn === null
      ? null
      : { on: row.deployedOn, decide: (m) => recordDeployment(m, row.deployedOn!) },
    row.signedByContributorOn === null
      ? null
      : {
          on: row.signedByContributorOn,
          decide: (m) =>
            signFromRegister({ mouId, party: 'contributor', signedOn: row.signedByContributorOn! }, m),
        },
    row.signedByUnOn === null
      ? null
      : {
          on: row.signedByUnOn,
          decide: (m) => signFromRegister({ mouId, party: 'un', signedOn: row.signedByUnOn! }, m),
        },
    row.repatriatedOn === null
      ? null
      : { on: row.repatriatedOn, decide: (m) => recordRepatriation(m, row.repatriatedOn!) },
  ];
  return all
    .filter((m): m is Milestone => m !== null)
    .map((m, index) => ({ m, index }))
    .sort((a, b) => (a.m.on < b.m.on ? -1 : a.m.on > b.m.on ? 1 : a.index - b.index))
    .map(({ m }) => m);
};

/** What the register would say of an MOU, to compare a re-imported row with the history. */
export const registerView = (mou: DraftedMou): Omit<RegisterRow, 'mouId'> => ({
  mouRef: mou.mouRef,
  mission: mou.mission,
  contributor: mou.contributor,
  unitName: mou.unitName,
  unitType: mou.unitType,
  personnelCeiling: mou.draftedPersonnelCeiling,
  negotiationOpenedOn: mou.negotiationOpenedOn,
  deployedOn: mou.deployedOn,
  repatriatedOn: mou.repatriatedOn,
  signedByContributorOn: mou.signatures.contributor ?? null,
  signedByUnOn: mou.signatures.un ?? null,
});

const differences = (mou: DraftedMou, row: RegisterRow): string[] => {
  const recorded = registerView(mou);
  return (Object.keys(recorded) as (keyof typeof recorded)[]).filter((key) => recorded[key] !== row[key]);
};

/**
 * A register row becomes the MOU's history; the same row again changes nothing, and a row that says
 * something else about a recorded MOU is refused rather than silently rewriting history.
 */
export const decideImport = (command: ImportMouFromRegister, state: Mou): MouEvent[] => {
  const row = command.data;
  if (state.status !== 'none') {
    const differ = differences(state, row);
    if (state.status === 'withdrawn') differ.push('status');
    if (differ.length === 0) return [];
    throw new MouError(
      'CONFLICTS_WITH_HISTORY',
      `MOU ${row.mouRef} is recorded with another ${differ.join(', ')}.`,
      {
        fields: differ,
      },
    );
  }
  const { deployedOn: _d, repatriatedOn: _r, signedByContributorOn: _c, signedByUnOn: _u, ...draft } = row;
  const { personnelCeiling, ...rest } = draft;
  let events: MouEvent[] = [
    {
      type: 'MouDrafted',
      data: { ...rest, unitId: null, personnelCeiling },
      effectiveOn: row.negotiationOpenedOn,
    },
  ];
  let mou = evolve(state, events[0]!) as DraftedMou;
  for (const milestone of milestones(row)) {
    const next = milestone.decide(mou);
    mou = next.reduce(evolve, mou) as DraftedMou;
    events = [...events, ...next];
  }
  return events;
};
