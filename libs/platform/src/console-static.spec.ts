import { isConsoleNavigation } from './console-static';
import { parseConfig } from './config';
import { devSignInEnabled } from './dev-sign-in';

describe('isConsoleNavigation', () => {
  const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  it("answers a browser's navigation to a console screen with the console", () => {
    expect(isConsoleNavigation('GET', '/payables', html)).toBe(true);
    expect(isConsoleNavigation('GET', '/mous/3566b612-3cd7-555a-aed8-cbab05bd728c', html)).toBe(true);
    expect(isConsoleNavigation('HEAD', '/', html)).toBe(true);
  });

  it('leaves the API, the docs, health and metrics to the server, even for a browser', () => {
    for (const path of [
      '/v1/mous',
      '/v1',
      '/docs',
      '/docs/',
      '/health',
      '/metrics',
      '/openapi.json',
      '/assets/gone.js',
    ]) {
      expect({ path, console: isConsoleNavigation('GET', path, html) }).toEqual({ path, console: false });
    }
  });

  it('leaves clients that do not ask for HTML, and writes, to the API (problem+json 404)', () => {
    expect(isConsoleNavigation('GET', '/payables', undefined)).toBe(false);
    expect(isConsoleNavigation('GET', '/payables', '*/*')).toBe(false);
    expect(isConsoleNavigation('GET', '/payables', 'application/json')).toBe(false);
    expect(isConsoleNavigation('POST', '/payables', html)).toBe(false);
  });
});

describe('devSignInEnabled', () => {
  const config = (env: Record<string, string>) => parseConfig(env, { defaultPort: 0 });

  it('is on only with the development secret, outside production', () => {
    expect(devSignInEnabled(config({}))).toBe(true);
    expect(devSignInEnabled(config({ NODE_ENV: 'test' }))).toBe(true);
    expect(devSignInEnabled(config({ JWT_SECRET: 'a-configured-secret-0123456789abcdef' }))).toBe(false);
    expect(devSignInEnabled(config({ JWT_JWKS_URL: 'https://idp.example.test/jwks.json' }))).toBe(false);
    expect(devSignInEnabled({ nodeEnv: 'production', jwt: {} })).toBe(false);
  });
});
