import type { Response } from 'express';
import type { KnownAt } from '@coe/projection-engine';
import type { KnownAtRequest } from './reports.http.requests';

export type KnownAtAnswer<R extends KnownAt> = Omit<R, keyof KnownAt> & Partial<KnownAt>;

/**
 * Every report says which instant and which global position it reflects: always in headers, and in the body
 * (`knownAt`, `reflects`) when the request named an instant, so the bodies CONTRACT.md shows stay as they are.
 */
export const answerKnownAt = async <R extends KnownAt>(
  request: KnownAtRequest,
  res: Response,
  answer: Promise<R>,
): Promise<KnownAtAnswer<R>> => {
  const { knownAt, reflects, ...report } = await answer;
  res.setHeader('Coe-Known-At', knownAt);
  res.setHeader('Coe-Reflects-Source', reflects.source);
  if (reflects.globalPosition !== null) {
    res.setHeader('Coe-Reflects-Position', reflects.globalPosition);
    res.setHeader('Coe-Reflects-Recorded-At', reflects.recordedAt!);
  }
  return request.knownAt === undefined ? report : { ...report, knownAt, reflects };
};
