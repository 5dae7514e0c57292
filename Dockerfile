# syntax=docker/dockerfile:1
# One image per service, all from this file: the SERVICE build argument picks the entry point
# (force-generation, mou-negotiation, reimbursement, projections or gateway). docker-compose.yml builds all five;
# by hand: docker build --build-arg SERVICE=projections -t coe-projections .
# Node 24, the maintained LTS line (Node 20 reached its end of life in April 2026).
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency, compile TypeScript to dist/ ----------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and dist/ only, as the unprivileged node user --------------
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=force-generation
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN test -f "dist/services/${SERVICE}/src/main.js" || { echo "no such service: ${SERVICE}" >&2; exit 1; } \
 && mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Liveness, not readiness: /health turns 503 on a parked event, which no restart fixes.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node is the container's main process and receives SIGTERM itself.
CMD ["/bin/sh", "-c", "exec node dist/services/${SERVICE}/src/main.js"]
