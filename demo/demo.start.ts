import type { PlatformConfig } from '@coe/platform';
import type { LoggerService } from '@nestjs/common';
import { figureLines, mismatches, readFigures, waitForProjections } from './demo.figures';
import { demoHttp } from './demo.http';
import { demoTokens } from './demo.tokens';
import { loadDemo } from './load';
import { loadLines } from './demo.report';

/**
 * Loads the demo into the app just started at `url`, through its public routes, only when its MOU register
 * is empty (the first start): later starts keep what the ledger holds. Logs what it loaded and the figures.
 */
export const loadDemoOnFirstStart = async (
  url: string,
  config: Pick<PlatformConfig, 'jwt' | 'dataDir' | 'nodeEnv'>,
  logger: LoggerService,
): Promise<void> => {
  const context = 'Demo';
  const tokens = await demoTokens(config);
  const mous = await demoHttp(url).get<{ total: number }>('/v1/mous?pageSize=1', tokens.clerk);
  if (mous.total > 0) {
    logger.log(`The MOU register holds ${mous.total} MOUs: demo data not loaded again.`, context);
    return;
  }
  logger.log('Loading the demo data through the API (npm run demo prints the figures any time) ...', context);
  const started = Date.now();
  const report = await loadDemo(url, tokens);
  await waitForProjections(url, tokens.auditor);
  for (const line of loadLines(report)) logger.log(line, context);
  logger.log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`, context);
  const figures = await readFigures(url, tokens.auditor);
  for (const line of figureLines(figures, url)) logger.log(line, context);
  for (const line of mismatches(figures)) logger.warn(`Differs from the 2019 report: ${line}`, context);
};
