import type { TestApp } from './reimbursement.test-app';

// What the HTTP specs of the service share: the people they act as, requests with a bearer token, and
// what a refused request must look like. A spec's app starts in its beforeAll, so these take a getter.

/**
 * `Bearer …` tokens of the people the HTTP specs act as: two finance officers (one records, the other
 * certifies: four eyes), an auditor, an MOU clerk, and the representatives of Bangladesh and India.
 */
export const testPeople = async (app: TestApp) => ({
  officerA: await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] }),
  officerB: await app.bearer({ sub: 'officer-b', roles: ['finance-officer'] }),
  auditor: await app.bearer({ sub: 'auditor-1', roles: ['auditor'] }),
  clerk: await app.bearer({ sub: 'clerk-1', roles: ['mou-clerk'] }),
  bangladesh: await app.bearer({ sub: 'rep-bgd', roles: ['contributor-representative'], contributor: 'BGD' }),
  india: await app.bearer({ sub: 'rep-ind', roles: ['contributor-representative'], contributor: 'IND' }),
});

/** `post(path, as)` and `get(path, as)`: supertest requests with `as` (a bearer) as Authorization. */
export const requestsAs = (app: () => TestApp) => ({
  post: (path: string, as: string) => app().http().post(path).set('Authorization', as),
  get: (path: string, as: string) => app().http().get(path).set('Authorization', as),
});

type Answer = { status: number; body: { code?: string }; headers: Record<string, string> };

/**
 * `expectRejected(response, status, code, before)`: the request was refused with this status and code
 * as problem+json, and the store still holds the `before` events it held (nothing was written).
 */
export const rejectedExpectation =
  (app: () => TestApp) =>
  async (response: Answer, status: number, code: string, before: number): Promise<void> => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await app().eventCount()).toBe(before);
  };
