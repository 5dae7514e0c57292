import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The import boundaries (eslint/import-boundaries.mjs) through the project's own ESLint configuration:
// each case is a file path in the tree and one import line, linted as if it were that file. ESLint runs
// in a child process (its configuration is an ES module, which Jest's CommonJS runtime does not load).
const root = join(__dirname, '..');
type Case = { file: string; source: string };

const lint = (cases: Case[]): string[][] => {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const { file, source } of cases) {
      const [result] = await eslint.lintText(\`import { x } from '\${source}';\\nexport const y = x;\\n\`, { filePath: file });
      out.push(result.messages.filter((m) => m.ruleId === 'coe/import-boundaries').map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
};

const crossing: Array<[string, Case, string]> = [
  [
    'a lib importing a service',
    {
      file: 'libs/contracts/src/fixture.ts',
      source: '../../../services/reimbursement/src/reimbursement.module',
    },
    'libs never import services',
  ],
  [
    'a service importing another, relatively',
    { file: 'services/projections/src/fixture.ts', source: '../../reimbursement/src/reimbursement.module' },
    'services never import each other',
  ],
  [
    'a service importing another, from the root',
    {
      file: 'services/mou-negotiation/src/mou/fixture.ts',
      source: 'services/force-generation/src/unit/unit.events',
    },
    'services never import each other',
  ],
  [
    'a decider importing Nest',
    { file: 'services/reimbursement/src/claim/claim.decider.ts', source: '@nestjs/common' },
    'deciders stay pure',
  ],
  [
    'a decider importing pg',
    { file: 'services/force-generation/src/unit/unit.decider.ts', source: 'pg' },
    'deciders stay pure',
  ],
  [
    'an evolve importing Nest',
    { file: 'services/mou-negotiation/src/mou/mou.evolve.ts', source: '@nestjs/cqrs' },
    'deciders stay pure',
  ],
  [
    'a service importing kafkajs',
    { file: 'services/projections/src/fixture.ts', source: 'kafkajs' },
    'kafkajs is imported only by libs/messaging',
  ],
  [
    'a lib other than messaging importing kafkajs',
    { file: 'libs/event-store/src/fixture.ts', source: 'kafkajs' },
    'kafkajs is imported only by libs/messaging',
  ],
  [
    'production code importing a testing entry point',
    { file: 'services/reimbursement/src/claim/claim.handlers.ts', source: '@coe/event-store/testing' },
    'is for tests only',
  ],
];

const allowed: Array<[string, Case]> = [
  [
    'a handler importing Nest',
    { file: 'services/reimbursement/src/claim/claim.handlers.ts', source: '@nestjs/common' },
  ],
  [
    'a service importing its own shared code',
    { file: 'services/reimbursement/src/claim/x.ts', source: '../shared/x' },
  ],
  ['a service importing a lib', { file: 'services/projections/src/fixture.ts', source: '@coe/contracts' }],
  ['libs/messaging importing kafkajs', { file: 'libs/messaging/src/fixture.ts', source: 'kafkajs' }],
  [
    'a decider spec importing the testing entry',
    { file: 'services/force-generation/src/unit/unit.decider.spec.ts', source: '@coe/event-store/testing' },
  ],
  ['an end-to-end test reading the broker', { file: 'test/fixture.e2e.spec.ts', source: 'kafkajs' }],
  [
    'the composition root importing a service',
    { file: 'src/fixture.ts', source: '../services/projections/src/projections.module' },
  ],
];

describe('import boundaries (npm run lint)', () => {
  let crossed: string[][];
  let passed: string[][];
  beforeAll(() => {
    const results = lint([...crossing.map(([, c]) => c), ...allowed.map(([, c]) => c)]);
    crossed = results.slice(0, crossing.length);
    passed = results.slice(crossing.length);
  });

  it.each(crossing.map(([name, , why], i) => [name, why, i] as const))('fails %s', (_name, why, i) => {
    expect(crossed[i]).toHaveLength(1);
    expect(crossed[i]![0]).toContain(why);
  });

  it.each(allowed.map(([name], i) => [name, i] as const))('lets through %s', (_name, i) => {
    expect(passed[i]).toEqual([]);
  });
});
