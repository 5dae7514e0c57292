import type { OpenAPIObject } from '@nestjs/swagger';
import { appendFileSync } from 'node:fs';
import { ERROR_CODES_EXTENSION } from './api-operations';

// Error codes that are true (issue 18): each route's `x-error-codes` is written by hand in its decorators,
// so a route could answer a code its document does not list. In a test run (test/global-setup.ts names a
// file in COE_PROBLEM_RECORD), every 4xx problem a documented route answers is checked against the
// document of the app that answered it, and one that is not listed is written to the file;
// test/global-teardown.ts fails the run when the file is not empty. It covers what the integration and
// end-to-end tests of that run provoke, in-process apps and the distributed mode's service processes
// alike; problems answered before routing (a path that does not exist, the body parser) have no route.
// Only `/v1/…` routes are checked: the platform's tests mount fixture controllers outside it.

export const PROBLEM_RECORD_ENV = 'COE_PROBLEM_RECORD';

export type UndocumentedProblem = {
  method: string;
  route: string;
  status: number;
  code: string;
  listed: string[];
};

// `METHOD /v1/mous/:mouId` → status → codes, from every document this process built
const documented = new Map<string, Map<number, Set<string>>>();

const routeKey = (method: string, expressPath: string): string =>
  `${method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()} ${expressPath}`;

/** Takes in the codes each route of a built document lists per 4xx status. */
export const registerDocumentedProblems = (document: OpenAPIObject): void => {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
      const responses = (operation as { responses?: Record<string, Record<string, unknown>> })?.responses;
      if (responses === undefined) continue;
      const key = routeKey(method, path.replace(/\{([^}]+)\}/g, ':$1'));
      const byStatus = documented.get(key) ?? new Map<number, Set<string>>();
      for (const [status, response] of Object.entries(responses)) {
        const codes = response[ERROR_CODES_EXTENSION];
        if (Number(status) < 400 || !Array.isArray(codes)) continue;
        byStatus.set(Number(status), new Set([...(byStatus.get(Number(status)) ?? []), ...codes]));
      }
      documented.set(key, byStatus);
    }
  }
};

/** Null when the route lists the code under the status, or no document of this process has the route. */
export const undocumentedProblem = (
  method: string,
  route: string,
  status: number,
  code: string,
): UndocumentedProblem | null => {
  const byStatus = documented.get(routeKey(method, route));
  if (byStatus === undefined || byStatus.get(status)?.has(code)) return null;
  return {
    method: routeKey(method, route).split(' ')[0]!,
    route,
    status,
    code,
    listed: [...(byStatus.get(status) ?? [])],
  };
};

/** In a recording run, writes down a 4xx problem its route's document does not list. */
export const recordProblem = (
  request: { method?: string; route?: { path?: unknown } },
  status: number,
  code: string,
): void => {
  const file = process.env[PROBLEM_RECORD_ENV];
  if (!file || status < 400 || status >= 500) return;
  const route = request.route?.path;
  // the product's routes only: the platform's own tests mount fixture controllers (`/test/…`,
  // `/writes-test/…`) whose documents say nothing of the codes they are built to provoke
  if (typeof route !== 'string' || !route.startsWith('/v1/') || request.method === undefined) return;
  const found = undocumentedProblem(request.method, route, status, code);
  if (found !== null) appendFileSync(file, `${JSON.stringify(found)}\n`);
};
