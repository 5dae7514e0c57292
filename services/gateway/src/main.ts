import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGateway, SERVICES, type ServiceName } from './gateway';

// `npm run start:distributed` starts this beside the four services: one origin (PORT, 3000 by default)
// serving the console and passing each /v1 request to its service. FORCE_GENERATION_URL etc. say where a
// service listens (default http://127.0.0.1:<its port from start-distributed.mjs>).
const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  'force-generation': 3001,
  'mou-negotiation': 3002,
  reimbursement: 3003,
  projections: 3004,
};

const env = process.env;
const services = Object.fromEntries(
  SERVICES.map((service) => {
    const variable = `${service.toUpperCase().replace(/-/g, '_')}_URL`;
    return [service, env[variable] ?? `http://127.0.0.1:${DEFAULT_PORTS[service]}`];
  }),
) as Record<ServiceName, string>;
// dist/services/gateway/src/main.js -> dist/console
const consoleDir = env.CONSOLE_DIR ?? join(__dirname, '..', '..', '..', 'console');
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '127.0.0.1';

const server = createGateway({ services, consoleDir });
server.listen(port, host, () => {
  const routes = SERVICES.map((service) => `${service} ${services[service]}`).join(', ');
  const { port: bound } = server.address() as AddressInfo;
  console.log(`gateway listening on http://${host}:${bound} (console at /, /v1 to ${routes})`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
