# syntax=docker/dockerfile:1
# One image for every enplan service (the gateway and each subgraph), running the compiled build.
# Choose the service with the compose `command:` (e.g. `node subgraphs/employment/dist/index.js`)
# or, for a single-service image, with the build arg SERVICE_ENTRY (default: the gateway).

# ---- build stage: the full install and the TypeScript build -------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is cached until a package.json or the lock file changes.
COPY package.json package-lock.json tsconfig.base.json tsconfig.build.json ./
COPY lib/package.json lib/
COPY gateway/package.json gateway/
COPY subgraphs/employment/package.json subgraphs/employment/
COPY subgraphs/social/package.json subgraphs/social/
COPY subgraphs/children/package.json subgraphs/children/
COPY subgraphs/consent/package.json subgraphs/consent/
COPY subgraphs/plan/package.json subgraphs/plan/
COPY tools/package.json tools/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- production dependencies only ---------------------------------------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/lib/package.json lib/
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/subgraphs/employment/package.json subgraphs/employment/
COPY --from=build /app/subgraphs/social/package.json subgraphs/social/
COPY --from=build /app/subgraphs/children/package.json subgraphs/children/
COPY --from=build /app/subgraphs/consent/package.json subgraphs/consent/
COPY --from=build /app/subgraphs/plan/package.json subgraphs/plan/
COPY --from=build /app/tools/package.json tools/
COPY --from=build /app/test/package.json test/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime stage: compiled JavaScript, production dependencies, non-root ----------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    SUPERGRAPH_PATH=/app/supergraph.graphql
WORKDIR /app
COPY --from=deps /app /app
COPY --from=build /app/supergraph.graphql /app/supergraph.graphql
COPY --from=build /app/lib/dist lib/dist
COPY --from=build /app/gateway/dist gateway/dist
COPY --from=build /app/tools/dist tools/dist
# Each subgraph: its compiled code and its schema (read at start-up from src/schema.graphql).
COPY --from=build /app/subgraphs subgraphs
RUN find subgraphs -name '*.ts' -delete && mkdir -p /data && chown node:node /data
USER node

ARG SERVICE_ENTRY=gateway/dist/index.js
ENV SERVICE_ENTRY=${SERVICE_ENTRY}

HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

CMD ["sh", "-c", "exec node \"$SERVICE_ENTRY\""]
