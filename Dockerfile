# syntax=docker/dockerfile:1
# One image for every enplan service (gateway and the five subgraphs). There is no build step:
# each service runs its TypeScript entry point with tsx. Choose the service with the compose
# `command:` (e.g. `npx tsx subgraphs/employment/src/index.ts`) or, for a single-service image,
# with the build arg SERVICE_ENTRY (default: the gateway).

# ---- build stage: native modules (better-sqlite3) need a toolchain ------------------------------
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Manifests first, so the dependency layer is cached until a package.json or the lock file changes.
COPY package.json package-lock.json ./
COPY lib/package.json lib/
COPY gateway/package.json gateway/
COPY subgraphs/employment/package.json subgraphs/employment/
COPY subgraphs/social/package.json subgraphs/social/
COPY subgraphs/children/package.json subgraphs/children/
COPY subgraphs/consent/package.json subgraphs/consent/
COPY subgraphs/plan/package.json subgraphs/plan/
COPY tools/package.json tools/
COPY test/package.json test/
# devDependencies are kept on purpose: tsx (a root devDependency) is the runtime.
RUN npm ci --no-audit --no-fund

COPY . .

# ---- runtime stage: no compiler, non-root -------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV HOST=0.0.0.0 \
    DATA_DIR=/data \
    SUPERGRAPH_PATH=/app/supergraph.graphql \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# /data belongs to the unprivileged user; a fresh named volume mounted there inherits that ownership.
RUN mkdir -p /data && chown node:node /data
USER node

ARG SERVICE_ENTRY=gateway/src/index.ts
ENV SERVICE_ENTRY=${SERVICE_ENTRY}

HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

CMD ["sh", "-c", "exec npx tsx \"$SERVICE_ENTRY\""]
