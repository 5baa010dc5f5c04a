# syntax=docker/dockerfile:1
# One image for every enplan service (the gateway and each subgraph), running the compiled build.
# Choose the service with the compose `command:` (e.g. `node subgraphs/employment/dist/index.js`)
# or, for a single-service image, with the build arg SERVICE_ENTRY (default: the gateway). A kit
# department (lib/src/department/kit) runs tools/dist/kitDepartment.js and its vendor's stand-in
# tools/dist/vendor.js; neither takes an argument here: the env KIT_DEPARTMENT names the department.
# Nothing here names a department: a subgraph folder added to the workspaces is built, installed
# and copied like the others. test/src/dockerImage.test.ts assembles the runtime stage's files as
# the COPY lines below describe and starts every service from them.

# ---- the package manifests alone: the install layers stay cached until one of them changes ----
FROM node:24-bookworm-slim AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete && find . -depth -type d -empty -delete

# ---- build stage: the full install and the build (TypeScript, the web app) ---------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY --from=manifests /app ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- production dependencies of the services' workspaces (-w subgraphs: every subgraph) -------
# (not web's: the web app is served as built files; not the tests')
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY --from=manifests /app ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund -w lib -w gateway -w subgraphs -w tools

# ---- runtime stage: compiled JavaScript, production dependencies, non-root ----------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    SUPERGRAPH_PATH=/app/supergraph.graphql
WORKDIR /app
COPY --from=deps /app ./
# What every service reads at start-up: the registry, the supergraph, the registered operations,
# the committed development keys (to refuse them in production).
COPY --from=build /app/federation.json /app/supergraph.graphql ./
COPY --from=build /app/operations operations
COPY --from=build /app/lib/dist lib/dist
COPY --from=build /app/lib/dev-keys lib/dev-keys
COPY --from=build /app/gateway/dist gateway/dist
COPY --from=build /app/web/dist web/dist
COPY --from=build /app/tools/dist tools/dist
# Every subgraph folder whole: its compiled code and its schema (read from src/schema.graphql), or
# for a kit department its description (department.json, the OpenAPI or WSDL file, the stand-in's seed).
COPY --from=build /app/subgraphs subgraphs
RUN find subgraphs -name '*.ts' -delete && mkdir -p /data && chown node:node /data
USER node

ARG SERVICE_ENTRY=gateway/dist/index.js
ENV SERVICE_ENTRY=${SERVICE_ENTRY}

HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

CMD ["sh", "-c", "exec node \"$SERVICE_ENTRY\""]
