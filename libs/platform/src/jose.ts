import type * as Jose from 'jose';
import Module from 'node:module';

type NodeModuleLoader = { _load(request: string, parent: unknown, isMain: boolean): unknown };

// jose 6 is ESM only. Node >= 20.19 require()s it natively, which is what the built app does. Jest's
// CommonJS runtime transforms no node_modules and so cannot load it: there, Node's own loader is
// called directly (Jest's `module` keeps it as `_load`). Errors and keys of such a jose come from
// another realm, so callers tell jose errors apart by `code`, never by `instanceof`.
const loadJose = (): typeof Jose => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- jose is ESM-only; see above
    return require('jose') as typeof Jose;
  } catch (error) {
    if (!(error instanceof SyntaxError) && (error as { name?: unknown }).name !== 'SyntaxError') throw error;
    return (Module as unknown as NodeModuleLoader)._load(require.resolve('jose'), null, false) as typeof Jose;
  }
};

/** The jose library (JWT signing and verification, JWKS). */
export const jose: typeof Jose = loadJose();
