import { actorForRoute } from './jwt-auth.guard';

describe('actorForRoute', () => {
  const representative = { sub: 'rep', roles: ['contributor-representative' as const], contributor: 'BGD' };

  it('limits a contributor representative to its contributor', () =>
    expect(actorForRoute(representative, ['finance-officer', 'contributor-representative'])).toEqual(
      representative,
    ));

  it('does not limit a token holding another role the route allows', () =>
    expect(
      actorForRoute({ ...representative, roles: ['contributor-representative', 'finance-officer'] }, [
        'finance-officer',
        'contributor-representative',
      ]),
    ).toEqual({ sub: 'rep', roles: ['contributor-representative', 'finance-officer'] }));

  it('keeps the limit when the other role is not allowed on the route', () =>
    expect(
      actorForRoute({ ...representative, roles: ['contributor-representative', 'auditor'] }, [
        'finance-officer',
        'contributor-representative',
      ]),
    ).toMatchObject({ contributor: 'BGD' }));

  it('never limits an admin', () =>
    expect(
      actorForRoute({ ...representative, roles: ['contributor-representative', 'admin'] }, []),
    ).not.toHaveProperty('contributor'));

  it('gives other actors no contributor', () =>
    expect(actorForRoute({ sub: 'ada', roles: ['auditor'] }, ['auditor'])).toEqual({
      sub: 'ada',
      roles: ['auditor'],
    }));
});
