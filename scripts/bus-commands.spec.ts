import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

// @nestjs/cqrs as it is meant: one command class per command. A command on the bus that carries a
// decider command (`{ type: 'SignMou', data }`, or a union of them) is a generic wrapper whose handler
// then dispatches on `type` and casts; this check reads the types of every command class's constructor
// parameters with the TypeScript checker and names each one that holds a `{ type: <literal>, data }`.
const root = join(__dirname, '..');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

const commandFiles = (): string[] =>
  sourcesUnder(join(root, 'services')).filter((file) => readFileSync(file, 'utf8').includes('extends Command<'));

const compilerOptions = (): ts.CompilerOptions => {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
};

/** A program over the given files, plus files that exist only in memory (to show the check can fail). */
const programOf = (files: string[], virtual: Record<string, string> = {}): ts.Program => {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => path in virtual || fileExists.call(host, path);
  host.readFile = (path) => virtual[path] ?? readFile.call(host, path);
  host.getSourceFile = (path, language, ...rest) =>
    path in virtual
      ? ts.createSourceFile(path, virtual[path]!, language)
      : getSourceFile.call(host, path, language, ...rest);
  return ts.createProgram([...files, ...Object.keys(virtual)], options, host);
};

const isDeciderCommand = (checker: ts.TypeChecker, type: ts.Type): boolean => {
  const discriminant = type.getProperty('type');
  if (discriminant === undefined || type.getProperty('data') === undefined) return false;
  const discriminantType = checker.getNonNullableType(checker.getTypeOfSymbol(discriminant));
  const literals = discriminantType.isUnion() ? discriminantType.types : [discriminantType];
  return literals.every((literal) => literal.isStringLiteral());
};

/** Whether a value of this type holds a decider command, itself or in one of its fields (two levels). */
const carriesDeciderCommand = (checker: ts.TypeChecker, type: ts.Type, depth = 2): boolean => {
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => {
    if (isDeciderCommand(checker, member)) return true;
    if (depth === 0 || member.getCallSignatures().length > 0) return false;
    return member
      .getProperties()
      .some((property) => carriesDeciderCommand(checker, checker.getTypeOfSymbol(property), depth - 1));
  });
};

const extendsBusCommand = (node: ts.ClassDeclaration): boolean =>
  (node.heritageClauses ?? []).some((clause) =>
    clause.types.some((type) => ts.isIdentifier(type.expression) && type.expression.text === 'Command'),
  );

/** `file: Class(parameter)` for each command class's constructor parameter that carries a decider command. */
const wrappers = (program: ts.Program, files: string[]): string[] => {
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`${file} is not in the program`);
    source.forEachChild((node) => {
      if (!ts.isClassDeclaration(node) || !extendsBusCommand(node)) return;
      const constructor = node.members.find(ts.isConstructorDeclaration);
      for (const parameter of constructor?.parameters ?? []) {
        if (carriesDeciderCommand(checker, checker.getTypeAtLocation(parameter))) {
          found.push(`${relative(root, file)}: ${node.name?.text}(${parameter.name.getText(source)})`);
        }
      }
    });
  }
  return found;
};

describe('command classes on the bus', () => {
  jest.setTimeout(120_000);
  const files = commandFiles();

  it('are found in every service that writes', () => {
    const services = new Set(files.map((file) => relative(root, file).split('/')[1]));
    expect([...services].sort()).toEqual(['force-generation', 'mou-negotiation', 'reimbursement']);
  });

  it('carry their own data, never a decider command', () => {
    expect(wrappers(programOf(files), files)).toEqual([]);
  });

  it('would name a command class that carries one (a wrapper like the former HandleMouCommand)', () => {
    const fixture = join(root, 'services/mou-negotiation/src/mou/mou.wrapper.fixture.ts');
    const virtual = {
      [fixture]: `
        import { Command } from '@nestjs/cqrs';
        import type { MouCommand } from './mou.commands';
        export class HandleMouCommand extends Command<void> {
          constructor(readonly command: Exclude<MouCommand, { type: 'DraftMou' }>, readonly at: string) { super(); }
        }
        export class RunMouCommands extends Command<void> {
          constructor(readonly batch: { items: { command: MouCommand }[]; first: MouCommand }) { super(); }
        }
        export class SignMouCommand extends Command<void> {
          constructor(readonly data: { mouId: string; party: 'un' | 'contributor' }) { super(); }
        }
      `,
    };
    expect(wrappers(programOf([fixture], virtual), [fixture])).toEqual([
      'services/mou-negotiation/src/mou/mou.wrapper.fixture.ts: HandleMouCommand(command)',
      'services/mou-negotiation/src/mou/mou.wrapper.fixture.ts: RunMouCommands(batch)',
    ]);
  });
});
