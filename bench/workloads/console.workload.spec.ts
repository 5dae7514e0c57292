import { firstLoadScripts } from './console.workload';

describe('firstLoadScripts', () => {
  it("lists index.html's module script and its preloads, not its stylesheet", () => {
    const html = `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/index-CB9TZ09a.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-x1.js">
    <link rel="stylesheet" crossorigin href="/assets/index-Cbrvkx-a.css">
    </head></html>`;
    expect(firstLoadScripts(html)).toEqual(['/assets/index-CB9TZ09a.js', '/assets/vendor-x1.js']);
  });
});
