import { contractProblems, isContractType } from './contract-events';

describe('contract events', () => {
  it('accepts a published event in its contract shape, an optional field absent', () => {
    expect(
      contractProblems('reimbursement', 'AssessmentReceived', {
        mission: 'MINUSMA',
        amountUsd: '100000.00',
        receivedOn: '2019-08-01',
      }),
    ).toEqual([]);
  });

  it('names a private type, a missing field and a field the contract lacks', () => {
    expect(contractProblems('mou-negotiation', 'MouTermsProposed', { mouId: 'm-1' })).toEqual([
      "MouTermsProposed is not in mou-negotiation's contract",
    ]);
    expect(
      contractProblems('mou-negotiation', 'MouSigned', { mouId: 'm-1', party: 'un', signedBy: 'clerk' }),
    ).toEqual(['MouSigned: no signedOn', 'MouSigned: signedBy is not in the contract']);
    expect(contractProblems('force-generation', 'UnitDeployed', 'text')).toEqual([
      'UnitDeployed: data is not an object',
    ]);
    expect(contractProblems('projections', 'MouSigned', {})).toEqual(['projections publishes no events']);
  });

  it('knows which types a service publishes', () => {
    expect(isContractType('force-generation', 'UnitSelected')).toBe(true);
    expect(isContractType('force-generation', 'PledgeRegistered')).toBe(false);
    expect(isContractType('reimbursement', 'toString')).toBe(false);
  });
});
