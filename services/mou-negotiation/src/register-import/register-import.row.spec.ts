import { type RegisterCells, checkRegisterRow } from './register-import.row';

const TODAY = '2019-10-31';

const cells = (overrides: Partial<RegisterCells> = {}): RegisterCells => ({
  mou_ref: 'DOS/MINUSMA/BGD/03',
  mission: 'MINUSMA',
  contributor: 'BGD',
  unit: 'BANBAT-3',
  unit_type: 'INF',
  personnel: '850',
  negotiation_opened: '2018-01-15',
  deployed_on: '2017-11-20',
  repatriated_on: undefined,
  signed_by_contributor: '2019-03-02',
  signed_by_un: undefined,
  ...overrides,
});

const codeOf = (overrides: Partial<RegisterCells>) => {
  const checked = checkRegisterRow(cells(overrides), TODAY);
  return checked.ok ? 'OK' : checked.code;
};

describe('A legacy MOU register row', () => {
  it('becomes the facts the register states, empty cells meaning no value', () =>
    expect(checkRegisterRow(cells(), TODAY)).toEqual({
      ok: true,
      row: {
        mouRef: 'DOS/MINUSMA/BGD/03',
        mission: 'MINUSMA',
        contributor: 'BGD',
        unitName: 'BANBAT-3',
        unitType: 'INF',
        personnelCeiling: 850,
        negotiationOpenedOn: '2018-01-15',
        deployedOn: '2017-11-20',
        repatriatedOn: null,
        signedByContributorOn: '2019-03-02',
        signedByUnOn: null,
      },
    }));

  it.each([
    [{ mou_ref: undefined }, 'INVALID_MOU_REF'],
    [{ mou_ref: 'X'.repeat(65) }, 'INVALID_MOU_REF'],
    [{ mou_ref: 'X'.repeat(64) }, 'OK'],
    [{ mission: 'minusma' }, 'INVALID_MISSION'],
    [{ mission: 'M' }, 'INVALID_MISSION'],
    [{ contributor: 'BD' }, 'INVALID_CONTRIBUTOR'],
    [{ unit: undefined }, 'INVALID_UNIT'],
    [{ unit: 'U'.repeat(201) }, 'INVALID_UNIT'],
    [{ unit_type: 'CAV' }, 'INVALID_UNIT_TYPE'],
    [{ unit_type: 'MECH-INF' }, 'OK'],
    [{ personnel: '0' }, 'INVALID_PERSONNEL'],
    [{ personnel: '20001' }, 'INVALID_PERSONNEL'],
    [{ personnel: '12.5' }, 'INVALID_PERSONNEL'],
    [{ personnel: '20000' }, 'OK'],
    [{ negotiation_opened: undefined }, 'INVALID_DATE'],
    [{ deployed_on: '2019-02-29' }, 'INVALID_DATE'],
    [{ signed_by_un: '14/03/2019' }, 'INVALID_DATE'],
    [{ signed_by_un: '2019-11-01' }, 'DATE_IN_FUTURE'],
    [{ signed_by_un: TODAY }, 'OK'],
    [{ repatriated_on: '2017-11-19' }, 'REPATRIATED_BEFORE_DEPLOYED'],
    [{ repatriated_on: '2017-11-20' }, 'OK'],
    [{ deployed_on: undefined, repatriated_on: '2018-11-20' }, 'REPATRIATED_BEFORE_DEPLOYED'],
    [{ signed_by_contributor: '2018-01-14' }, 'SIGNED_BEFORE_NEGOTIATION'],
    [{ signed_by_un: '2018-01-15' }, 'OK'],
  ] as [Partial<RegisterCells>, string][])('%j: %s', (overrides, code) =>
    expect(codeOf(overrides)).toBe(code),
  );
});
