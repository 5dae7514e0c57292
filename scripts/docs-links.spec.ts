import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

// The README and docs/ stand alone: every relative link names a file (or folder) of the repository,
// and none leads outside it, so a clone reads the same documents a browser of the repository does.
const root = join(__dirname, '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The repository's files: tracked by git when it can tell, else what is on disk. */
const tracked: Set<string> | null = (() => {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed.status === 0 ? new Set(listed.stdout.split('\0').filter(Boolean)) : null;
})();
const inRepository = (path: string): boolean =>
  tracked === null
    ? existsSync(join(root, path))
    : tracked.has(path) || [...tracked].some((file) => file.startsWith(`${path.replace(/\/$/, '')}/`));

/** The text outside fenced code blocks and inline code: links inside code are examples, not links. */
const prose = (markdown: string): string =>
  markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

/** Targets of inline links and images (`[text](target)`) and of link definitions (`[label]: target`). */
const linksOf = (markdown: string): string[] => {
  const text = prose(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defined = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!);
  return [...inline, ...defined];
};

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const anchorsOf = (markdown: string): Set<string> =>
  new Set(
    [...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((m) =>
      anchorOf(m[1]!.replace(/`/g, '')),
    ),
  );

type Link = { from: string; target: string };
const links: Link[] = documents.flatMap((from) =>
  linksOf(readFileSync(join(root, from), 'utf8')).map((target) => ({ from, target })),
);
const EXTERNAL = /^(https?:|mailto:)/i;
const relativeLinks = links.filter((l) => !EXTERNAL.test(l.target) && !l.target.startsWith('#'));

/** Where a relative link leads, from the repository's root; null when it leaves the repository. */
const resolved = ({ from, target }: Link): string | null => {
  if (isAbsolute(target) || /^[a-z][a-z0-9+.-]*:/i.test(target)) return null;
  const path = decodeURIComponent(target.replace(/[?#].*$/, ''));
  const inside = relative(root, resolve(root, dirname(from), path));
  return inside.startsWith('..') || isAbsolute(inside) ? null : inside.split('\\').join('/');
};

describe('the links of the README and docs/', () => {
  it('finds the documents and their links', () => {
    expect(documents).toEqual(
      expect.arrayContaining(['README.md', 'docs/domain.md', 'docs/api-contract.md']),
    );
    expect(relativeLinks.length).toBeGreaterThan(10);
  });

  it('never point outside the repository', () => {
    expect(relativeLinks.filter((l) => resolved(l) === null)).toEqual([]);
  });

  it('name a file or folder of the repository', () => {
    expect(relativeLinks.filter((l) => resolved(l) !== null && !inRepository(resolved(l)!))).toEqual([]);
  });

  it('name a heading that exists when they carry an anchor', () => {
    const broken = links
      .filter((l) => l.target.includes('#') && !EXTERNAL.test(l.target))
      .filter((l) => {
        const [path, anchor] = l.target.split('#') as [string, string];
        const file = path === '' ? l.from : resolved({ from: l.from, target: path });
        if (file === null || !file.endsWith('.md') || !existsSync(join(root, file))) return false;
        return !anchorsOf(readFileSync(join(root, file), 'utf8')).has(anchor);
      });
    expect(broken).toEqual([]);
  });

  it('cite the domain rules and the API contract from the README, in docs/', () => {
    const fromReadme = relativeLinks.filter((l) => l.from === 'README.md').map(resolved);
    expect(fromReadme).toEqual(expect.arrayContaining(['docs/domain.md', 'docs/api-contract.md']));
  });

  it('are caught when broken: a link outside, a missing file, an unknown anchor', () => {
    const sample =
      '[a](../shared/DOMAIN.md) [b](docs/nowhere.md) [c](/etc/passwd) `[d](../x)`\n```\n[e](../y)\n```';
    const found = linksOf(sample).map((target) => ({ from: 'README.md', target }));
    expect(found.map((l) => l.target)).toEqual(['../shared/DOMAIN.md', 'docs/nowhere.md', '/etc/passwd']);
    expect(found.map(resolved)).toEqual([null, 'docs/nowhere.md', null]);
    expect(inRepository('docs/nowhere.md')).toBe(false);
    expect(anchorOf('Building: the Nest CLI')).toBe('building-the-nest-cli');
  });
});
