import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths that belong to the API and the operations routes: never answered with the console's page. */
const SERVER_PATHS = /^\/(v1|docs|health|metrics)(\/|$|-)/;
/** A file's address (`/openapi.json`, `/assets/x.js`): a missing one is a 404, never the console's page. */
const FILE_PATH = /\.[A-Za-z0-9]+$/;

/**
 * Whether a request is a browser navigation to one of the console's own screens (`/payables`,
 * `/mous/…`): a GET or HEAD that asks for HTML by name, outside the API's paths. A client that does not
 * ask for HTML (curl, supertest, fetch) keeps getting the API's problem+json 404 on an unknown path.
 */
export const isConsoleNavigation = (method: string, path: string, accept: string | undefined): boolean =>
  (method === 'GET' || method === 'HEAD') &&
  !SERVER_PATHS.test(path) &&
  !FILE_PATH.test(path) &&
  (accept ?? '').includes('text/html');

/**
 * Serves the console (the Vite build in `dir`) at `/`: its files as they are (hashed assets cached for a
 * year, `index.html` never cached), and `index.html` for any other navigation so that a screen's address
 * can be reloaded or shared. API routes keep precedence: no file of the build is named like them, and the
 * fallback never answers under /v1, /docs, /health or /metrics, nor for a file's address (/openapi.json). Does nothing when `dir` holds no build.
 */
export const serveConsole = (app: NestExpressApplication, dir: string): boolean => {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(root, {
    index: 'index.html',
    setHeaders: (res: Response, path: string) => {
      const immutable = path.includes(`${join(root, 'assets')}`);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isConsoleNavigation(req.method, req.path, req.headers.accept)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    // Relative to the build's folder: `send` refuses an absolute path with a dot-folder in it (.test-dist).
    res.sendFile('index.html', { root });
  });
  return true;
};
