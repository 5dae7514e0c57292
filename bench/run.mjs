#!/usr/bin/env node
// Runs a TypeScript entry point (default bench/bench.ts) without a build step: a CommonJS require hook
// compiles each .ts file with @swc/core (same options as .swcrc, no type-check) and resolves the
// @coe/* path aliases to libs/*/src/index.ts. Arguments after the entry point are passed through.
// COE_LIBS=/path/to/libs points the aliases at a scratch copy of libs/ (to measure a proposed change;
// the copy needs a node_modules next to it, e.g. a symlink to this repository's).
//
//   node bench/run.mjs [--quick]            npm run bench [-- --quick]
//   node bench/run.mjs other/file.ts args   any other TypeScript file of the repository
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { transformSync } = require('@swc/core');

// .swcrc is ignored on purpose: its `paths` would rewrite the aliases at compile time, past COE_LIBS.
const swcOptions = (filename) => ({
  filename,
  swcrc: false,
  configFile: false,
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
});

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), swcOptions(filename));
  module._compile(code, filename);
};

const libs = process.env.COE_LIBS ? resolve(process.env.COE_LIBS) : join(root, 'libs');
const ALIAS = /^@coe\/([a-z0-9-]+)$/;
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, parent, ...rest) {
  const alias = ALIAS.exec(request);
  if (alias) {
    const target = join(libs, alias[1], 'src', 'index.ts');
    if (existsSync(target)) return target;
  }
  return originalResolve.call(this, request, parent, ...rest);
};

process.setSourceMapsEnabled?.(true);

const args = process.argv.slice(2);
const entry = args[0]?.endsWith('.ts') ? resolve(args.shift()) : join(root, 'bench', 'bench.ts');
process.argv = [process.argv[0], entry, ...args];
const { main } = require(entry);
if (typeof main === 'function') {
  main(args).then(
    (code) => process.exit(typeof code === 'number' ? code : 0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
