import { BACKLOG_AS_OF, buildMouRegister, DAYS_TARGETS, EXPECTED } from './mou-register.demo';
import { buildPayables, OUTSTANDING_TARGETS, PAYABLES_AS_OF, TOTAL_OUTSTANDING } from './payables.demo';
import { daysBetween } from './random';

// The demo's own consistency; that the system's reports show these figures is test/demo.e2e.spec.ts.
describe('demo data', () => {
  const rows = buildMouRegister();
  const fullySigned = (r: (typeof rows)[number]) =>
    r.signed_by_contributor && r.signed_by_un ? [r.signed_by_contributor, r.signed_by_un].sort()[1]! : null;

  it('has unique MOU references and no date in the future of its row rules', () => {
    expect(new Set(rows.map((r) => r.mou_ref)).size).toBe(rows.length);
    for (const r of rows) {
      for (const signed of [r.signed_by_contributor, r.signed_by_un])
        if (signed) expect(signed >= r.negotiation_opened).toBe(true);
      if (r.repatriated_on) expect(r.repatriated_on >= r.deployed_on!).toBe(true);
    }
  });

  it('has 356 deployed units on 2019-10-31, 13 of them pending signature', () => {
    const deployed = rows.filter(
      (r) => r.deployed_on! <= BACKLOG_AS_OF && !(r.repatriated_on && r.repatriated_on <= BACKLOG_AS_OF),
    );
    const pending = deployed.filter((r) => !(fullySigned(r) && fullySigned(r)! <= BACKLOG_AS_OF));
    expect([deployed.length, pending.length]).toEqual([EXPECTED.deployedUnits, EXPECTED.pendingSignature]);
  });

  it.each(Object.entries(DAYS_TARGETS))(
    'in %s averages %s days from deployment to full signature',
    (year, target) => {
      const days = rows
        .filter((r) => fullySigned(r)?.startsWith(year))
        .map((r) => daysBetween(r.deployed_on!, fullySigned(r)!));
      expect(days.reduce((a, b) => a + b, 0) / days.length).toBe(target);
    },
  );

  it('owes $265M at 2019-03-31 with the five largest contributors of A/73/809', () => {
    const { claims, payments } = buildPayables();
    const cents = (s: string) => Number(s.replace('.', ''));
    for (const [contributor, target] of Object.entries(OUTSTANDING_TARGETS)) {
      const certified = claims
        .filter((c) => c.contributor === contributor && c.certified_on <= PAYABLES_AS_OF)
        .reduce((s, c) => s + cents(c.amount), 0);
      const paid = payments
        .filter((p) => p.contributor === contributor && p.paid_on <= PAYABLES_AS_OF)
        .reduce((s, p) => s + cents(p.amount), 0);
      expect([contributor, certified - paid]).toEqual([contributor, target * 100]);
    }
    expect(Object.values(OUTSTANDING_TARGETS).reduce((a, b) => a + b, 0)).toBe(TOTAL_OUTSTANDING);
  });
});
