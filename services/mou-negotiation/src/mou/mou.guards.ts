import type { MouParty } from '@coe/contracts';
import { MouError } from './mou.errors';
import type { DraftedMou, Mou } from './mou.state';

export const drafted = (state: Mou, mouId: string): DraftedMou => {
  if (state.status === 'none') throw new MouError('MOU_NOT_FOUND', `No MOU ${mouId}.`);
  return state;
};

/** A withdrawn or closed MOU takes no more negotiation, signature or amendment. */
export const open = (state: Mou, mouId: string): DraftedMou => {
  const mou = drafted(state, mouId);
  if (mou.status === 'withdrawn' || mou.status === 'closed') {
    throw new MouError('MOU_ENDED', `MOU ${mou.mouRef} is ${mou.status}.`, { status: mou.status });
  }
  return mou;
};

/** Terms can change only until the first signature: a party signs what is on the table. */
export const negotiable = (state: Mou, mouId: string): DraftedMou => {
  const mou = open(state, mouId);
  if (mou.status === 'in-force' || mou.signatures.contributor || mou.signatures.un) {
    throw new MouError(
      'MOU_NOT_NEGOTIABLE',
      `MOU ${mou.mouRef} is being signed or in force; amend it instead.`,
      {
        status: mou.status,
      },
    );
  }
  return mou;
};

export const notBeforeNegotiation = (mou: DraftedMou, date: string, field: string): void => {
  if (date < mou.negotiationOpenedOn) {
    throw new MouError(
      'DATE_BEFORE_NEGOTIATION',
      `${field} ${date} is before negotiation opened (${mou.negotiationOpenedOn}).`,
      { field, negotiationOpenedOn: mou.negotiationOpenedOn },
    );
  }
};

export const laterOf = (a: string, b: string): string => (a > b ? a : b);

/** How a message names a party: `the UN`, `the contributor`. */
export const partyName = (party: MouParty): string => (party === 'un' ? 'UN' : 'contributor');
