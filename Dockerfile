# syntax=docker/dockerfile:1
# One image for all six services. The service is chosen when the container starts, by the SERVICE
# environment variable (order, inventory, fulfillment, shipping, aftersales, notification):
#   docker build -t oms-service .
#   docker run -e SERVICE=order -e HTTP_PORT=3001 -e DATABASE_URL=... -e KAFKA_BROKERS=... oms-service
# `--build-arg SERVICE=order` bakes a default in. The migrations of a service run with
#   node services/<service>/dist/migrate.js        (Kubernetes: an init container)
# or at start with MIGRATIONS_RUN=true (docker-compose.yml).

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: install every dependency, compile every project, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

# The manifests first, so that the dependency layer is reused until one of them changes. Every
# workspace of the root package.json ("workspaces") must be listed here, or `npm ci` fails.
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/package.json libs/platform/
COPY services/order/package.json services/order/
COPY services/inventory/package.json services/inventory/
COPY services/fulfillment/package.json services/fulfillment/
COPY services/shipping/package.json services/shipping/
COPY services/aftersales/package.json services/aftersales/
COPY services/notification/package.json services/notification/
COPY e2e/package.json e2e/
# As scripts/install.sh: npm 11 can refuse a lockfile that lacks other platforms' optional binaries;
# `npm install --no-save` then installs the same locked versions without touching the lockfile.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund \
 || { echo 'npm ci refused the lockfile: npm install --no-save' >&2; npm install --no-save --no-audit --no-fund; }

COPY . .
RUN npm run build

# Production dependencies only, then gather what runs: the root manifest, node_modules (the
# workspace packages are symlinks into libs/ and services/) and each project's package.json + dist.
RUN npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /out \
 && cp -a package.json node_modules /out/ \
 && for dir in libs/* services/* e2e; do \
      [ -f "$dir/package.json" ] || continue; \
      mkdir -p "/out/$dir" && cp -a "$dir/package.json" "/out/$dir/"; \
      if [ -d "$dir/dist" ]; then cp -a "$dir/dist" "/out/$dir/"; fi; \
    done \
 && cp -a libs/contracts/proto /out/libs/contracts/ \
 && find /out/libs /out/services -name '*.tsbuildinfo' -delete

# ---- runtime: Node.js and the built output, run as the image's unprivileged `node` user (uid 1000) ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by the service: the process cannot change its own code.
COPY --from=build /out/ ./

ARG SERVICE=""
ENV SERVICE=${SERVICE}

USER node
EXPOSE 3001 3002 3003 3004 3005 3006 50051

# Liveness only (no dependency checked); Kubernetes uses its own probes and ignores this.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# `exec`: node becomes PID 1 and receives SIGTERM itself (graceful shutdown).
CMD ["sh", "-c", "if [ -z \"$SERVICE\" ]; then echo 'SERVICE must name the service to run (order, inventory, fulfillment, shipping, aftersales, notification)' >&2; exit 64; fi; exec node \"services/$SERVICE/dist/main.js\""]
