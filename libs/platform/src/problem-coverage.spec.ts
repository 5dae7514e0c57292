import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PROBLEM_RECORD_ENV,
  recordProblem,
  registerDocumentedProblems,
  undocumentedProblem,
} from './problem-coverage';

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/payment-runs/{runId}/approval': {
      post: {
        responses: {
          201: { description: 'ok' },
          404: { description: 'x', 'x-error-codes': ['PAYMENT_RUN_NOT_FOUND'] },
          409: { description: 'x', 'x-error-codes': ['PAYMENT_RUN_NOT_PROPOSED'] },
        },
      },
    },
    // a platform test's fixture controller, outside the product's /v1
    '/test/closed': {
      post: { responses: { 409: { description: 'x', 'x-error-codes': ['IDEMPOTENCY_KEY_IN_PROGRESS'] } } },
    },
  },
} as unknown as OpenAPIObject;

describe('the check that routes answer only the error codes their document lists', () => {
  beforeAll(() => registerDocumentedProblems(document));

  it('lets a listed code through, under its status', () =>
    expect(
      undocumentedProblem('POST', '/v1/payment-runs/:runId/approval', 409, 'PAYMENT_RUN_NOT_PROPOSED'),
    ).toBeNull());

  it('names a code the route does not list, or lists under another status', () => {
    expect(
      undocumentedProblem('POST', '/v1/payment-runs/:runId/approval', 409, 'PAYMENT_RUN_EXECUTED'),
    ).toEqual({
      method: 'POST',
      route: '/v1/payment-runs/:runId/approval',
      status: 409,
      code: 'PAYMENT_RUN_EXECUTED',
      listed: ['PAYMENT_RUN_NOT_PROPOSED'],
    });
    expect(
      undocumentedProblem('POST', '/v1/payment-runs/:runId/approval', 422, 'PAYMENT_RUN_NOT_FOUND'),
    ).toMatchObject({
      listed: [],
    });
  });

  it('leaves alone a route no document of the process has', () =>
    expect(undocumentedProblem('GET', '/v1/elsewhere', 404, 'NOT_FOUND')).toBeNull());

  it('writes what it finds to the file a test run names, 4xx only, and nothing outside a run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coe-problems-'));
    const file = join(dir, 'problems.jsonl');
    writeFileSync(file, '');
    const request = { method: 'POST', route: { path: '/v1/payment-runs/:runId/approval' } };
    const before = process.env[PROBLEM_RECORD_ENV];
    try {
      delete process.env[PROBLEM_RECORD_ENV];
      recordProblem(request, 409, 'PAYMENT_RUN_EXECUTED');
      process.env[PROBLEM_RECORD_ENV] = file;
      recordProblem(request, 409, 'PAYMENT_RUN_NOT_PROPOSED');
      recordProblem(request, 500, 'INTERNAL_ERROR');
      recordProblem({ method: 'GET' }, 404, 'NOT_FOUND');
      recordProblem({ method: 'POST', route: { path: '/test/closed' } }, 409, 'ORDER_CLOSED');
      recordProblem(request, 409, 'PAYMENT_RUN_EXECUTED');
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      expect(lines.map((line) => (JSON.parse(line) as { code: string }).code)).toEqual([
        'PAYMENT_RUN_EXECUTED',
      ]);
    } finally {
      if (before === undefined) delete process.env[PROBLEM_RECORD_ENV];
      else process.env[PROBLEM_RECORD_ENV] = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
