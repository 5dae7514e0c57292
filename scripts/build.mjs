// `npm run build`: the Nest CLI's build (`nest build`, nest-cli.json: the swc builder with .swcrc, no
// type-check: that is `npm run typecheck`), plus two things the CLI has no setting for: a check that
// every @coe/* path alias was rewritten into a relative require (so dist/ runs with plain `node`), and
// dist/main.js, the entry `npm start` runs. There is one build: `npx nest build <project>` writes the
// same files, since every project compiles the whole tree (a service needs the libs beside it).
// Then the console (apps/console, Vite) is built into dist/console, which the single process serves at `/`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nestConfig = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8'));
const configuredOut = nestConfig.compilerOptions.builder.options.outDir;
// BUILD_OUT_DIR lets the integration tests build a copy of their own without touching dist/: the same
// configuration with every output directory moved there.
const outName = process.env.BUILD_OUT_DIR ?? configuredOut;
const outDir = join(root, outName);

const started = Date.now();
let configFile = 'nest-cli.json';
let scratch;
if (outName !== configuredOut) {
  const moved = (dir) => join(outName, relative(configuredOut, dir));
  const { compilerOptions } = nestConfig;
  const config = {
    ...nestConfig,
    compilerOptions: {
      ...compilerOptions,
      // nest deletes tsconfig's outDir (dist/), which is not ours to delete here
      deleteOutDir: false,
      builder: {
        ...compilerOptions.builder,
        options: { ...compilerOptions.builder.options, outDir: outName },
      },
      assets: compilerOptions.assets.map((asset) => ({ ...asset, outDir: moved(asset.outDir) })),
    },
  };
  rmSync(outDir, { recursive: true, force: true });
  // the CLI reads --config relative to the working directory
  configFile = `.nest-cli.${process.pid}.json`;
  scratch = join(root, configFile);
  writeFileSync(scratch, JSON.stringify(config));
}

const nest = createRequire(import.meta.url).resolve('@nestjs/cli/bin/nest.js');
const result = spawnSync(process.execPath, [nest, 'build', '--config', configFile], {
  cwd: root,
  encoding: 'utf8',
});
if (scratch) rmSync(scratch, { force: true });
if (result.status !== 0) {
  process.stderr.write(`${result.stdout}${result.stderr}`);
  process.exit(result.status ?? 1);
}

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });

const files = walk(outDir);
const outputs = files.filter((file) => file.endsWith('.js'));
const assets = files.filter((file) => /\.(sql|json)$/.test(file));
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
  `build: ${outputs.length} files${assets.length ? ` and ${assets.length} assets` : ''} in ${Date.now() - started} ms${consoleNote} -> ${relative(root, outDir)}/`,
);
