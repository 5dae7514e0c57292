// `npm run start:distributed`: the four services as separate processes (CONTRACT.md section 1) on a
// shared PostgreSQL and Kafka, e.g. from `npm run infra:up`, and the gateway: one origin (:3000) serving
// the console at `/` and passing each /v1 request to the service that owns it. Each log line is prefixed
// with its process; SIGINT/SIGTERM are passed on, and if one process dies the others are stopped.
// COE_BUILD_DIR runs another build than dist/ (the tests' own).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = [
  { name: 'force-generation', port: 3001 },
  { name: 'mou-negotiation', port: 3002 },
  { name: 'reimbursement', port: 3003 },
  { name: 'projections', port: 3004 },
  { name: 'gateway', port: 3000 },
];
const build = process.env.COE_BUILD_DIR ?? join(root, 'dist');
// FORCE_GENERATION_PORT etc. override a process's port; a global PORT would give all five the same one.
const portOf = (service) =>
  process.env[`${service.name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? String(service.port);
// The gateway reaches each service where it listens.
const serviceUrls = Object.fromEntries(
  services
    .filter((s) => s.name !== 'gateway')
    .map((s) => [`${s.name.toUpperCase().replace(/-/g, '_')}_URL`, `http://127.0.0.1:${portOf(s)}`]),
);

const missing = ['DATABASE_URL', 'KAFKA_BROKERS'].filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.error(
    `start-distributed: ${missing.join(' and ')} must be set (run \`npm run infra:up\` and export the lines it prints).`,
  );
  process.exit(1);
}

const width = Math.max(...services.map((s) => s.name.length));
const colors = process.stdout.isTTY && !process.env.NO_COLOR ? [36, 35, 33, 32, 34] : [];
const prefixer = (name, index) => {
  const label = name.padEnd(width);
  return colors.length ? `\x1b[${colors[index]}m${label}\x1b[0m | ` : `${label} | `;
};

// Forward whole lines only, so two services never interleave within one line.
const pipeLines = (stream, out, prefix) => {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) out.write(`${prefix}${line}\n`);
  });
  stream.on('end', () => {
    if (pending) out.write(`${prefix}${pending}\n`);
  });
};

const children = services.map((service, index) => {
  const entry = join(build, 'services', service.name, 'src', 'main.js');
  if (!existsSync(entry)) {
    console.error(`start-distributed: ${entry} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
  const env = {
    ...process.env,
    PORT: portOf(service),
    ...(service.name === 'gateway' && { ...serviceUrls, CONSOLE_DIR: join(build, 'console') }),
  };
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = prefixer(service.name, index);
  pipeLines(child.stdout, process.stdout, prefix);
  pipeLines(child.stderr, process.stderr, prefix);
  return {
    ...service,
    child,
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
});

let stopping = false;
const stopAll = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl-C: do not wait for graceful shutdowns.
      for (const { child } of children) child.kill('SIGKILL');
      return;
    }
    stopAll(signal);
  });
}

let failed = false;
for (const { name, exited } of children) {
  exited.then(({ code, signal }) => {
    if (stopping) return;
    failed = true;
    console.error(`start-distributed: ${name} exited (${signal ?? `code ${code}`}); stopping the others`);
    stopAll('SIGTERM');
  });
}

const results = await Promise.all(children.map((c) => c.exited));
const unclean = results.some(({ code, signal }) => code !== 0 || signal !== null);
process.exit(failed || unclean ? 1 : 0);
