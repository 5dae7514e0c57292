// The house's import boundaries, as one ESLint rule (`coe/import-boundaries`), so `npm run lint` fails a
// change that crosses them:
//   - a lib never imports a service;
//   - a service never imports another service;
//   - a decider (and what it is built from: commands, events, state, evolve, guards) imports neither
//     Nest nor pg nor kafkajs: it is pure;
//   - kafkajs is imported only inside libs/messaging (test/ may read the broker directly, as a tool);
//   - a lib's testing entry point (`@coe/<lib>/testing`) is imported only by tests.
// Relative imports are resolved against the importing file, so `../../../services/x` is caught as well as
// `services/x` (tsconfig's baseUrl makes both compile).
import { posix, relative, sep } from 'node:path';

const DECIDER_FILE = /\.(decider|decide|evolve|guards|state|events|commands)\.ts$/;
const TEST_FILE = /(\.spec\.ts$|\.fixtures\.ts$|(^|\/)test\/|(^|\/)testing\/)/;
const PURE_FORBIDDEN = /^(@nestjs\/|pg$|pg\/|kafkajs$)/;

/** `services/<name>/…` or `libs/<name>/…` → { kind, name }; anything else → undefined. */
const roomOf = (path) => {
  const match = /^(services|libs)\/([^/]+)\//.exec(path);
  return match ? { kind: match[1], name: match[2] } : undefined;
};

/** The repository path an import names, when it names one (relative or baseUrl-rooted). */
const targetOf = (fromFile, source) => {
  if (source.startsWith('.')) return posix.join(posix.dirname(fromFile), source);
  if (/^(services|libs)\//.test(source)) return source;
  return undefined;
};

const violation = (file, source) => {
  const room = roomOf(file);
  const target = targetOf(file, source);
  const targetRoom = target ? roomOf(`${target}/`) : undefined;
  if (room?.kind === 'libs' && targetRoom?.kind === 'services')
    return `libs never import services (${room.name} → services/${targetRoom.name}).`;
  if (room?.kind === 'services' && targetRoom?.kind === 'services' && targetRoom.name !== room.name)
    return `services never import each other (${room.name} → ${targetRoom.name}); share through libs/contracts.`;
  if (DECIDER_FILE.test(file) && PURE_FORBIDDEN.test(source))
    return `deciders stay pure: no ${source} in ${file.split('/').pop()}.`;
  if (source === 'kafkajs' && room && !(room.kind === 'libs' && room.name === 'messaging'))
    return 'kafkajs is imported only by libs/messaging; use @coe/messaging.';
  if (/^@coe\/[^/]+\/testing$/.test(source) && !TEST_FILE.test(file)) return `${source} is for tests only.`;
  return undefined;
};

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'The import boundaries between libs, services and deciders.' },
    schema: [],
    messages: { crossed: '{{why}}' },
  },
  create(context) {
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      const why = violation(file, source);
      if (why) context.report({ node: node.source, messageId: 'crossed', data: { why } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
