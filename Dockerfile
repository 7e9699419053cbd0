# Spreekuur in a container: SQLite on a volume at /data by default, or PostgreSQL with
# DATABASE_URL=postgresql://… (see docker-compose.postgres.yml).
FROM node:20-bookworm-slim

# better-sqlite3 compiles from source during install.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
# Installing generates the Prisma clients, which reads src/db and src/paths.ts.
COPY src ./src
RUN npm ci && npm cache clean --force

COPY views ./views
COPY public ./public
# The server runs as one bundled JavaScript file (dist/server.mjs), without a TypeScript loader.
RUN npm run build && npm prune --omit=dev

# Fewer malloc arenas and a capped, compact V8 heap keep the server near 200 MB.
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/spreekuur.db \
    MALLOC_ARENA_MAX=2 \
    MALLOC_TRIM_THRESHOLD_=131072
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
CMD ["sh", "-c", "node dist/migrate.mjs && exec node --max-semi-space-size=4 --max-old-space-size=128 dist/server.mjs"]
