import { parseConfig } from '@coe/platform';
import { figureLines, mismatches, readFigures, waitForProjections } from './demo.figures';
import { demoTokens } from './demo.tokens';
import { loadDemo } from './load';
import { loadLines } from './demo.report';

// `npm run demo`: loads the demo into a running single-process app (`npm start`) at DEMO_URL (default
// http://127.0.0.1:${PORT:-3000}) and prints each figure of the 2019 report with the request that answers
// it. Tokens are signed like `npm run token`: JWT_SECRET, or the development secret under DATA_DIR.
// Exit 1 when a figure differs from the report's.

const DEFAULT_PORT = 3000;

export const main = async (): Promise<number> => {
  const config = parseConfig(process.env, { defaultPort: DEFAULT_PORT });
  const baseUrl = (process.env.DEMO_URL?.trim() || `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    await fetch(`${baseUrl}/health`);
  } catch {
    out(`Nothing answers at ${baseUrl}: start the app first (npm start), or set DEMO_URL.`);
    return 1;
  }
  const tokens = await demoTokens(config);
  const started = Date.now();
  out(`Loading the demo into ${baseUrl} ...`);
  const report = await loadDemo(baseUrl, tokens);
  loadLines(report).forEach((line) => out(`  ${line}`));
  await waitForProjections(baseUrl, tokens.auditor);
  out(`Loaded, and the reports caught up, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  out('');
  const figures = await readFigures(baseUrl, tokens.auditor);
  out('The 2019 report to the General Assembly, as the ledger answers it');
  out('(TOKEN=$(npm run -s token -- --role auditor) for the curl commands):');
  figureLines(figures, baseUrl).forEach((line) => out(line));
  const wrong = mismatches(figures);
  if (wrong.length > 0) {
    out('');
    out('These figures differ from the report (was the ledger empty before the demo?):');
    wrong.forEach((line) => out(`  ${line}`));
    return 1;
  }
  return 0;
};
