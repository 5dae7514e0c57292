import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The Nest CLI drives the one build (issue 17): nest-cli.json in monorepo mode, a project per service and
// lib, the swc builder, and `npm run build` going through it.
const root = join(__dirname, '..');
type Project = { type: string; root: string; sourceRoot: string; entryFile: string };
const config = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
  monorepo: boolean;
  compilerOptions: { builder: { type: string; options: { swcrcPath: string } } };
  projects: Record<string, Project>;
};
const dirsUnder = (parent: string) =>
  readdirSync(join(root, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe('nest-cli.json', () => {
  it('is a monorepo building with swc and the project .swcrc', () => {
    expect(config.monorepo).toBe(true);
    expect(config.compilerOptions.builder.type).toBe('swc');
    expect(config.compilerOptions.builder.options.swcrcPath).toBe('.swcrc');
  });

  it.each(dirsUnder('services'))('has the service %s as an application', (name) => {
    expect(config.projects[name]).toEqual({
      type: 'application',
      root: `services/${name}`,
      sourceRoot: `services/${name}/src`,
      entryFile: 'main',
      compilerOptions: expect.any(Object),
    });
    expect(existsSync(join(root, `services/${name}/src/main.ts`))).toBe(true);
  });

  it.each(dirsUnder('libs'))('has the lib %s as a library', (name) => {
    expect(config.projects[name]).toEqual({
      type: 'library',
      root: `libs/${name}`,
      sourceRoot: `libs/${name}/src`,
      entryFile: 'index',
      compilerOptions: expect.any(Object),
    });
  });

  it('builds, through `nest build`, every service entry and its assets', () => {
    const out = '.test-dist-nest-cli';
    try {
      const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
        cwd: root,
        env: { ...process.env, BUILD_OUT_DIR: out },
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      for (const name of dirsUnder('services'))
        expect(existsSync(join(root, out, `services/${name}/src/main.js`))).toBe(true);
      expect(existsSync(join(root, out, 'services/reimbursement/src/rate-table/rate-table.seed.json'))).toBe(
        true,
      );
      expect(existsSync(join(root, out, 'main.js'))).toBe(true);
    } finally {
      rmSync(join(root, out), { recursive: true, force: true });
    }
  }, 60_000);
});
