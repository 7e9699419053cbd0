# Spreekuur in a container: SQLite on a volume at /data by default, or PostgreSQL with
# DATABASE_URL=postgresql://… (see docker-compose.postgres.yml).
#
# Two stages: the first installs everything (better-sqlite3 compiles from source, the
# Prisma clients and the holiday dates are generated), bundles the server and drops the
# development packages; the image that runs holds no compiler, no TypeScript, no
# bundler and no Prisma CLI.
FROM node:24-bookworm-slim AS build
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
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
# What the server reads at run time: the bundle, its packages, templates and assets,
# the schema and migrations, the message catalogues and the generated holiday dates.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/views ./views
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/src/i18n/messages ./src/i18n/messages
COPY --from=build /app/src/generated/holidays-nl.json /app/src/generated/holidays-nl-dates.json ./src/generated/

# Fewer malloc arenas and a capped, compact V8 heap keep the server under 200 MB.
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
