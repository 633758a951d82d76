# syntax=docker/dockerfile:1
# The study group bot: TypeScript compiled to dist/ with tsc, the bot itself bundled by esbuild into
# dist/src/main.js and its chunks (scripts/bundle.ts), run by plain node with production dependencies
# only. See docs/deployment.md (`docker compose up -d` is the whole deployment).

FROM node:22-bookworm-slim AS base
WORKDIR /app

# Build stage: every dependency (TypeScript and esbuild included), then src/ and commands/ compiled to
# dist/ (the command-line tools) and the bot bundled over dist/src/main.js.
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY scripts ./scripts
RUN npm run build

# Production dependencies only, installed apart so no dev package reaches the final image.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM base AS runtime
ENV NODE_ENV=production
# package.json is needed at run time: its "type": "module" makes node load dist/ as ES modules.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The study content is read from CONTENT_DIR (default `content`, relative to /app) at start.
COPY content ./content
# The pictures' fonts (assets/fonts/, OFL): no system font is read, so none is installed.
COPY assets ./assets
COPY manifest.yaml ./
# Everything above is owned by root and only readable by the bot: it writes nothing to disk.
USER node
EXPOSE 3000
# Ready only when Redis answers (GET /healthz on PORT, which every mode serves).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:${PORT:-3000}/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# No --enable-source-maps: it holds every chunk's source map in memory (about 15 MB more RSS). The
# bundle keeps its functions' names, so stack traces stay readable; the maps are in dist/src/*.map.
CMD ["node", "dist/src/main.js"]
