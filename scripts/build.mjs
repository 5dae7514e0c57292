// `npm run build`: compiles src/, services/ and libs/ to dist/ with swc (no type-check: that is
// `npm run typecheck`), then builds the console (apps/console, Vite) into dist/console, which the
// single process serves at `/`. .swcrc rewrites the @coe/* path aliases into relative requires, so dist/ runs
// with plain `node`; this script fails if one survived. dist/main.js starts the single-process app.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// BUILD_OUT_DIR lets the integration tests build a copy of their own without touching dist/.
const outDir = process.env.BUILD_OUT_DIR ? join(root, process.env.BUILD_OUT_DIR) : join(root, 'dist');
const sourceDirs = ['src', 'services', 'libs', 'demo'].filter((dir) => existsSync(join(root, dir)));
// Files read at run time next to the code (SQL, JSON fixtures of a lib), copied as they are.
const assetExtensions = ['.sql', '.json'];

const started = Date.now();
const swc = createRequire(import.meta.url).resolve('@swc/cli/bin/swc.js');
const result = spawnSync(
  process.execPath,
  [
    swc,
    ...sourceDirs,
    '--out-dir',
    outDir,
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts,**/*.d.ts',
    '--delete-dir-on-start',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });

let assets = 0;
for (const dir of sourceDirs) {
  for (const file of walk(join(root, dir))) {
    if (!assetExtensions.some((ext) => file.endsWith(ext))) continue;
    const target = join(outDir, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    assets += 1;
  }
}

const outputs = walk(outDir).filter((file) => file.endsWith('.js'));
const unresolved = outputs.filter((file) => /require\(["']@coe\//.test(readFileSync(file, 'utf8')));
if (unresolved.length > 0) {
  console.error(
    `build: path aliases left unrewritten in:\n  ${unresolved.map((f) => relative(root, f)).join('\n  ')}`,
  );
  process.exit(1);
}

// `npm start` runs dist/main.js; the compiled entry keeps its place in the tree (dist/src/main.js) so
// the relative requires swc wrote stay right.
writeFileSync(
  join(outDir, 'main.js'),
  "'use strict';\nprocess.setSourceMapsEnabled(true);\nrequire('./src/main.js');\n",
);
// The console: Vite's production build, a few seconds. BUILD_CONSOLE=0 skips it (the API alone).
let consoleNote = '';
if (process.env.BUILD_CONSOLE !== '0') {
  const consoleStarted = Date.now();
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const built = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, CONSOLE_OUT_DIR: join(outDir, 'console') } },
  );
  if (built.status !== 0) {
    console.error('build: the console (apps/console) did not build');
    process.exit(built.status ?? 1);
  }
  consoleNote = `, console in ${Date.now() - consoleStarted} ms`;
}

console.log(
  `build: ${outputs.length} files${assets ? ` and ${assets} assets` : ''} in ${Date.now() - started} ms${consoleNote} -> ${relative(root, outDir)}/`,
);
